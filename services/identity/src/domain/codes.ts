/** What a one-time code proves. */
export const CODE_PURPOSES = ['verify-email', 'reset-password', 'change-email'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];

export interface CodePolicy {
  ttlMs: number;
  /** Guesses allowed on one code; the code is dead after the last one. */
  maxAttempts: number;
}

export const defaultCodePolicy: CodePolicy = { ttlMs: 10 * 60_000, maxAttempts: 5 };

/** Six digits, leading zeros kept; `randomInt` is a CSPRNG (crypto.randomInt) outside tests. */
export function generateCode(randomInt: (min: number, max: number) => number): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export const CODE_PATTERN = /^\d{6}$/;

/** A stored code after this guess was counted (attempts includes the current one). */
export interface StoredCode {
  attempts: number;
  expiresAt: Date;
  matches: boolean;
}

export type CodeCheck =
  | { outcome: 'ok' }
  | { outcome: 'wrong'; attemptsLeft: number }
  | { outcome: 'expired' }
  | { outcome: 'exhausted' }
  | { outcome: 'missing' };

/** Judges one guess. A code that is expired, exhausted or just used its last try must be deleted. */
export function checkCode(stored: StoredCode | undefined, now: Date, policy: CodePolicy): CodeCheck {
  if (!stored) return { outcome: 'missing' };
  if (stored.expiresAt.getTime() <= now.getTime()) return { outcome: 'expired' };
  if (stored.attempts > policy.maxAttempts) return { outcome: 'exhausted' };
  if (stored.matches) return { outcome: 'ok' };
  const attemptsLeft = policy.maxAttempts - stored.attempts;
  return attemptsLeft > 0 ? { outcome: 'wrong', attemptsLeft } : { outcome: 'exhausted' };
}

/** Whether the code row has to go after this check. */
export const codeIsSpent = (check: CodeCheck) => check.outcome !== 'wrong' && check.outcome !== 'missing';
