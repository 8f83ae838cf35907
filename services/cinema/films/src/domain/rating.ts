/** Ratings go from 0.5 to 5 in half steps, as in the original. */
export function isValidRating(value: number): boolean {
  return Number.isFinite(value) && value >= 0.5 && value <= 5 && Number.isInteger(value * 2);
}

/** The average shown to people: two decimals, null when there is nothing to average. */
export function presentAverage(average: number, count: number): number | null {
  return count > 0 ? Math.round(average * 100) / 100 : null;
}
