import { describe, expect, it } from 'vitest';
import { afterRandomDelay, backoffMs, jitterMs, randomSeconds } from './pacing';

describe('pacing', () => {
  it('picks whole seconds within the range, both ends included', () => {
    expect(randomSeconds({ min: 180, max: 300 }, () => 0)).toBe(180);
    expect(randomSeconds({ min: 180, max: 300 }, () => 0.999999)).toBe(300);
    expect(randomSeconds({ min: 5, max: 5 }, () => 0.5)).toBe(5);
    expect(randomSeconds({ min: 10, max: 2 }, () => 0.5)).toBe(6);
    expect(afterRandomDelay(new Date(0), { min: 1, max: 1 }, Math.random)).toEqual(new Date(1000));
    expect(jitterMs(60, () => 0.5)).toBe(30_000);
  });

  it('backs off exponentially with jitter, never above the bound', () => {
    const policy = { baseMs: 1000, factor: 3, maxMs: 20_000 };
    expect(backoffMs(1, policy, () => 0.5)).toBe(1000);
    expect(backoffMs(2, policy, () => 0.5)).toBe(3000);
    expect(backoffMs(3, policy, () => 0)).toBe(7200);
    expect(backoffMs(10, policy, () => 0.999)).toBe(20_000);
  });
});
