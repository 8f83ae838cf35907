import { describe, expect, it } from 'vitest';
import { defaultLockoutPolicy, lockoutMs } from './lockout';

describe('sign-in lockout schedule', () => {
  it('allows four failures, locks a minute at the fifth, then doubles up to an hour', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 40].map(
      (n) => lockoutMs(n, defaultLockoutPolicy) / 60_000,
    );
    expect(minutes).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('follows a custom policy', () => {
    const policy = { threshold: 2, baseMs: 1000, maxMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => lockoutMs(n, policy))).toEqual([0, 1000, 2000, 4000, 5000]);
  });

  it('stays finite for absurd failure counts', () => {
    expect(lockoutMs(10_000, defaultLockoutPolicy)).toBe(defaultLockoutPolicy.maxMs);
  });
});
