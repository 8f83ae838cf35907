/**
 * The silence after which a running run counts as stalled: its longest planned gap between
 * two lines (run time, so divided by the time scale) plus a grace. A worker waiting out a
 * FloodWait sends heartbeats, so a long wait is not silence.
 */
export function stallThresholdMs(
  maxGapMs: number | null,
  opts: { timeScale: number; graceSeconds: number; defaultGapSeconds: number },
): number {
  const gap = maxGapMs ?? opts.defaultGapSeconds * 1000;
  return gap / opts.timeScale + opts.graceSeconds * 1000;
}

export function isStalled(
  run: { lastProgressAt: Date | null; maxGapMs: number | null },
  now: number,
  opts: { timeScale: number; graceSeconds: number; defaultGapSeconds: number },
): boolean {
  if (!run.lastProgressAt) return false;
  return now - run.lastProgressAt.getTime() > stallThresholdMs(run.maxGapMs, opts);
}
