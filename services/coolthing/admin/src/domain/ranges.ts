// Delay ranges: the original stored "180-300" strings that nothing validated (reference §6,
// "Admin forms"). Here a range is two whole seconds, min <= max, within a bound.
import type { SecondsRange } from './types';

export const MAX_DELAY_SECONDS = 7 * 24 * 3600;

/** Reads `"180-300"` (or `"30"` for a fixed delay); null when it is not a range. */
export function parseRangeText(text: string): SecondsRange | null {
  const match = /^\s*(\d{1,7})\s*(?:-\s*(\d{1,7})\s*)?$/.exec(text);
  if (!match) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  return { min, max };
}

/** Why a range is not acceptable, or null when it is. */
export function rangeProblem(range: SecondsRange, bound = MAX_DELAY_SECONDS): string | null {
  if (!Number.isInteger(range.min) || !Number.isInteger(range.max)) return 'seconds must be whole numbers';
  if (range.min < 0) return 'min must not be negative';
  if (range.max > bound) return `max must not exceed ${bound} seconds`;
  if (range.min > range.max) return 'min must not exceed max';
  return null;
}

export const formatRange = (range: SecondsRange): string => `${range.min}-${range.max}`;
