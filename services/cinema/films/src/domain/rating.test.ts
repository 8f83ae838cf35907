import { describe, expect, it } from 'vitest';
import { isValidRating, presentAverage } from './rating';

describe('ratings', () => {
  it('accepts 0.5 to 5 in half steps only', () => {
    for (const v of [0.5, 1, 2.5, 4.5, 5]) expect(isValidRating(v)).toBe(true);
    for (const v of [0, 0.25, 5.5, -1, 3.3, Number.NaN, Infinity]) expect(isValidRating(v)).toBe(false);
  });

  it('presents the average with two decimals and null when nobody rated', () => {
    // The original's own test case: 5, 3, 2, 1 average 2.75; without the 5, 2.
    expect(presentAverage((5 + 3 + 2 + 1) / 4, 4)).toBe(2.75);
    expect(presentAverage((3 + 2 + 1) / 3, 3)).toBe(2);
    expect(presentAverage(3.5 / 3, 3)).toBe(1.17);
    expect(presentAverage(0, 0)).toBeNull();
  });
});
