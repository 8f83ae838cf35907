import { describe, expect, it } from 'vitest';
import { isStalled, stallThresholdMs } from './stall';

const opts = { timeScale: 1, graceSeconds: 30, defaultGapSeconds: 600 };

describe('stall threshold', () => {
  it('is the longest planned gap plus the grace, scaled like the run clock', () => {
    expect(stallThresholdMs(120_000, opts)).toBe(150_000);
    expect(stallThresholdMs(120_000, { ...opts, timeScale: 100 })).toBe(31_200);
    expect(stallThresholdMs(null, opts)).toBe(630_000);
  });

  it('flags silence beyond it only', () => {
    const at = new Date(1_000_000);
    expect(isStalled({ lastProgressAt: at, maxGapMs: 60_000 }, 1_000_000 + 89_000, opts)).toBe(false);
    expect(isStalled({ lastProgressAt: at, maxGapMs: 60_000 }, 1_000_000 + 91_000, opts)).toBe(true);
    expect(isStalled({ lastProgressAt: null, maxGapMs: 60_000 }, 9e12, opts)).toBe(false);
  });
});
