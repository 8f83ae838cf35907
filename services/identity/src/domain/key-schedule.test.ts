import { describe, expect, it } from 'vitest';
import { activationOf, keySchedule, rotationDue, type KeyTimes } from './key-schedule';

const MIN = 60_000;
const t0 = new Date('2025-01-01T00:00:00Z').getTime();
const at = (minutes: number) => new Date(t0 + minutes * MIN);
const key = (kid: string, created: number, activates: number): KeyTimes => ({
  kid,
  createdAt: at(created),
  activatesAt: at(activates),
});
const policy = {
  retiredKeepMs: 25 * MIN,
  activationDelayMs: 10 * MIN,
  rotationIntervalMs: 30 * 24 * 60 * MIN,
};

describe('signing key schedule', () => {
  const a = key('a', 0, 0);
  const b = key('b', 100, 110);

  it('publishes a new key before it signs', () => {
    const s = keySchedule([a, b], at(105), policy);
    expect(s.signing).toBe('a');
    expect(s.published.sort()).toEqual(['a', 'b']);
    expect(s.removable).toEqual([]);
  });

  it('switches signing at activation and keeps the old key published for the grace period', () => {
    const s = keySchedule([a, b], at(120), policy);
    expect(s.signing).toBe('b');
    expect(s.published.sort()).toEqual(['a', 'b']);
    expect(s.retiredAt.a).toEqual(at(110));
  });

  it('removes a retired key once the grace period has passed', () => {
    expect(keySchedule([a, b], at(134), policy).removable).toEqual([]);
    const s = keySchedule([a, b], at(135), policy);
    expect(s.removable).toEqual(['a']);
    expect(s.published).toEqual(['b']);
  });

  it('handles several generations: only the newest active key signs', () => {
    const c = key('c', 200, 210);
    const s = keySchedule([c, a, b], at(215), policy);
    expect(s.signing).toBe('c');
    expect(s.removable).toEqual(['a']);
    expect(s.published.sort()).toEqual(['b', 'c']);
  });

  it('is due for rotation when the newest key is older than the interval', () => {
    expect(rotationDue([], at(0), policy)).toBe(true);
    expect(rotationDue([a], at(30 * 24 * 60 - 1), policy)).toBe(false);
    expect(rotationDue([a], at(30 * 24 * 60), policy)).toBe(true);
    expect(rotationDue([a, key('n', 30 * 24 * 60, 30 * 24 * 60 + 10)], at(30 * 24 * 60 + 5), policy)).toBe(
      false,
    );
  });

  it('activates the first key at once and later keys after the delay', () => {
    expect(activationOf([], at(0), policy)).toEqual(at(0));
    expect(activationOf([a], at(50), policy)).toEqual(at(60));
    // Only pending keys (none can sign yet): the new one must sign at once.
    expect(activationOf([key('p', 0, 100)], at(50), policy)).toEqual(at(50));
  });
});
