import { describe, expect, it } from 'vitest';
import { checkCode, codeIsSpent, defaultCodePolicy, generateCode } from './codes';

const now = new Date('2025-01-01T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('one-time codes', () => {
  it('are six digits with leading zeros kept', () => {
    expect(generateCode(() => 42)).toBe('000042');
    expect(generateCode(() => 999_999)).toBe('999999');
    const seen: [number, number][] = [];
    generateCode((min, max) => {
      seen.push([min, max]);
      return 5;
    });
    expect(seen).toEqual([[0, 1_000_000]]);
  });

  it('accept the right code once, before expiry', () => {
    const check = checkCode({ attempts: 1, expiresAt: later(60_000), matches: true }, now, defaultCodePolicy);
    expect(check).toEqual({ outcome: 'ok' });
    expect(codeIsSpent(check)).toBe(true);
  });

  it('count wrong guesses and die after the fifth', () => {
    const results = [1, 2, 3, 4, 5].map((attempts) =>
      checkCode({ attempts, expiresAt: later(60_000), matches: false }, now, defaultCodePolicy),
    );
    expect(results.slice(0, 4)).toEqual(
      [4, 3, 2, 1].map((attemptsLeft) => ({ outcome: 'wrong', attemptsLeft })),
    );
    expect(results[4]).toEqual({ outcome: 'exhausted' });
    expect(results.map(codeIsSpent)).toEqual([false, false, false, false, true]);
  });

  it('refuse even the right code after five wrong ones', () => {
    expect(
      checkCode({ attempts: 6, expiresAt: later(60_000), matches: true }, now, defaultCodePolicy),
    ).toEqual({
      outcome: 'exhausted',
    });
  });

  it('expire after ten minutes', () => {
    expect(defaultCodePolicy.ttlMs).toBe(10 * 60_000);
    const issued = { attempts: 1, matches: true };
    expect(checkCode({ ...issued, expiresAt: later(1) }, now, defaultCodePolicy).outcome).toBe('ok');
    expect(checkCode({ ...issued, expiresAt: now }, now, defaultCodePolicy).outcome).toBe('expired');
    expect(codeIsSpent({ outcome: 'expired' })).toBe(true);
  });

  it('report a missing code without spending anything', () => {
    const check = checkCode(undefined, now, defaultCodePolicy);
    expect(check).toEqual({ outcome: 'missing' });
    expect(codeIsSpent(check)).toBe(false);
  });
});
