import { describe, expect, it } from 'vitest';
import { deriveSeed, pick, randomInt, rngFromSeed, shuffled } from './rng';

describe('rngFromSeed', () => {
  it('replays the same stream for the same seed', () => {
    const a = rngFromSeed('run-42');
    const b = rngFromSeed('run-42');
    expect(Array.from({ length: 20 }, a)).toEqual(Array.from({ length: 20 }, b));
  });

  it('gives different streams for different seeds', () => {
    expect(rngFromSeed('a')()).not.toBe(rngFromSeed('b')());
  });

  it('treats a number and its decimal string as the same seed', () => {
    expect(rngFromSeed(42)()).toBe(rngFromSeed('42')());
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const rng = rngFromSeed(7);
    const draws = Array.from({ length: 20_000 }, rng);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const buckets = new Array<number>(10).fill(0);
    for (const x of draws) buckets[Math.floor(x * 10)]! += 1;
    for (const count of buckets) expect(count).toBeGreaterThan(1700);
  });

  it('derives independent sub-seeds', () => {
    expect(deriveSeed('s', 'chat', 1)).not.toBe(deriveSeed('s', 'chat', 2));
    expect(deriveSeed('s', 'a', 'b')).not.toBe(deriveSeed('s', 'ab'));
  });
});

describe('helpers', () => {
  it('randomInt covers both bounds and nothing outside', () => {
    const rng = rngFromSeed('int');
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i += 1) seen.add(randomInt(rng, 3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    expect(randomInt(rng, 5, 5)).toBe(5);
  });

  it('pick refuses an empty list', () => {
    expect(() => pick(rngFromSeed(1), [])).toThrow(RangeError);
  });

  it('shuffled is a permutation and leaves the input alone', () => {
    const input = [1, 2, 3, 4, 5];
    const out = shuffled(rngFromSeed(3), input);
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5]);
  });
});
