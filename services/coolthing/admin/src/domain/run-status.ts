// The status of a script run (SFC) as the admin shows it: set by the operator's controls and
// by the run's events. Once a run ends (done, stopped, failed for good) nothing moves it again:
// late or redelivered events cannot resurrect it.
import type { RunStatus } from './types';

export type RunControl = 'stop' | 'pause' | 'resume';

export interface RunState {
  status: RunStatus;
  finishedAt: Date | null;
  startedAt: Date | null;
}

export const isFinal = (run: RunState): boolean => run.finishedAt !== null || run.status === 'stopped';

/** The status after a control request, or a reason why it makes no sense now. */
export function controlOutcome(
  run: RunState,
  action: RunControl,
): { status: RunStatus } | { problem: string } {
  if (isFinal(run)) return { problem: `the run has already ended (${run.status})` };
  switch (action) {
    case 'stop':
      return { status: 'stopped' };
    case 'pause':
      return run.status === 'paused' ? { problem: 'the run is already paused' } : { status: 'paused' };
    case 'resume':
      if (run.status !== 'paused')
        return { problem: `only a paused run can be resumed (it is ${run.status})` };
      return { status: run.startedAt ? 'running' : 'queued' };
  }
}

export type RunEvent =
  | { kind: 'started'; at: Date; attempt: number }
  | { kind: 'progress'; at: Date }
  | { kind: 'finished'; at: Date; status: 'done' | 'stopped' | 'failed' }
  | { kind: 'crashed'; at: Date; reason: string }
  | { kind: 'stalled'; at: Date; silentForSeconds: number }
  | { kind: 'rejected'; at: Date; problems: string[] };

export interface RunChange {
  status?: RunStatus;
  statusReason?: string | null;
  startedAt?: Date;
  finishedAt?: Date;
  attempt?: number;
}

/** What an event changes in the projection (empty when it changes nothing). */
export function applyRunEvent(run: RunState, event: RunEvent): RunChange {
  // A stop the operator asked for still gets its finish time when the worker confirms it.
  if (run.status === 'stopped' && event.kind === 'finished' && !run.finishedAt)
    return { finishedAt: event.at };
  if (isFinal(run)) return {};
  switch (event.kind) {
    case 'started':
      return {
        status: run.status === 'paused' ? 'paused' : 'running',
        statusReason: null,
        attempt: event.attempt,
        ...(run.startedAt ? {} : { startedAt: event.at }),
      };
    case 'progress':
      // Progress after a stall means the run is alive after all.
      return run.status === 'stalled' || run.status === 'queued' || run.status === 'failed'
        ? { status: 'running', statusReason: null }
        : {};
    case 'finished':
      return { status: event.status, finishedAt: event.at };
    case 'crashed':
      // The watchdog restarts crashed workers; a new ScriptStarted brings the run back.
      return { status: 'failed', statusReason: event.reason.slice(0, 500) };
    case 'stalled':
      return run.status === 'paused'
        ? {}
        : { status: 'stalled', statusReason: `no progress for ${event.silentForSeconds} s` };
    case 'rejected':
      return {
        status: 'failed',
        statusReason: event.problems.join('; ').slice(0, 500) || 'rejected',
        finishedAt: event.at,
      };
  }
}
