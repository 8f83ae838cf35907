// Random delays (the original's `min-max` seconds) and bounded backoff. Randomness is passed in
// so tests pin it.

/** A source of numbers in [0, 1). */
export type Rng = () => number;

export interface SecondsRange {
  min: number;
  max: number;
}

/** A whole number of seconds in the range, both ends included. */
export function randomSeconds(range: SecondsRange, rng: Rng): number {
  const min = Math.max(0, Math.min(range.min, range.max));
  const max = Math.max(0, range.min, range.max);
  return min + Math.floor(rng() * (max - min + 1));
}

/** `at` plus a random delay from the range. */
export function afterRandomDelay(at: Date, range: SecondsRange, rng: Rng): Date {
  return new Date(at.getTime() + randomSeconds(range, rng) * 1000);
}

/** Up to `maxSeconds` of random jitter, in milliseconds. */
export const jitterMs = (maxSeconds: number, rng: Rng): number => Math.floor(rng() * maxSeconds * 1000);

export interface Backoff {
  baseMs: number;
  factor: number;
  maxMs: number;
}

/** Delay before attempt n+1 after attempt n failed (n from 1), with ±20 % jitter, never above maxMs. */
export function backoffMs(attempt: number, policy: Backoff, rng: Rng): number {
  const raw = Math.min(policy.baseMs * policy.factor ** Math.max(0, attempt - 1), policy.maxMs);
  return Math.min(policy.maxMs, Math.round(raw * (0.8 + rng() * 0.4)));
}
