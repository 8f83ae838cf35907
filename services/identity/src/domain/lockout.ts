/** Progressive lockout after repeated failed sign-ins on one account. */
export interface LockoutPolicy {
  /** Consecutive failures before the first lock. */
  threshold: number;
  baseMs: number;
  maxMs: number;
}

export const defaultLockoutPolicy: LockoutPolicy = { threshold: 5, baseMs: 60_000, maxMs: 60 * 60_000 };

/**
 * How long the account locks after its `failures`-th consecutive failure: nothing below the
 * threshold, then the base, doubling with every further failure up to the maximum.
 */
export function lockoutMs(failures: number, policy: LockoutPolicy): number {
  if (failures < policy.threshold) return 0;
  const doublings = failures - policy.threshold;
  // 2 ** 40 overflows nothing but is far past any maximum; cap the exponent to stay exact.
  return Math.min(policy.baseMs * 2 ** Math.min(doublings, 40), policy.maxMs);
}
