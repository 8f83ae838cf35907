/** Wait before restart number `restart` (1, 2, ...): doubling from `baseMs`, capped at `maxMs`. */
export function restartDelayMs(restart: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, restart - 1));
}

export type ExitVerdict = 'finished' | 'stopped' | 'restart' | 'fail';

/**
 * What an exited worker means. Only ScriptFinished proves a run ended: an exit code of 0
 * also comes from a SIGTERM, so a worker that exits without it crashed (unless it was
 * told to stop), and is restarted until the restarts are used up.
 */
export function exitVerdict(run: {
  finishStatus: string | null;
  control: 'run' | 'pause' | 'stop';
  restarts: number;
  maxRestarts: number;
  /** False when the worker went down with its watchdog (no fault of its own): restart, uncounted. */
  crashed?: boolean;
}): ExitVerdict {
  if (run.finishStatus) return 'finished';
  if (run.control === 'stop') return 'stopped';
  if (run.crashed === false) return 'restart';
  return run.restarts + 1 > run.maxRestarts ? 'fail' : 'restart';
}
