import { ACCOUNT_WORKER_EXIT } from '@switchyard/contracts';

/** Wait before restart number `restart` (1, 2, ...): doubling from `baseMs`, capped at `maxMs`. */
export function restartDelayMs(restart: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, restart - 1));
}

export interface ExitPolicy {
  backoffMs: number;
  backoffMaxMs: number;
  /** Crashes in a row after which the account is given up (stopped in the admin). */
  maxCrashes: number;
  /** A worker that ran this long was healthy: its restart and crash counts start over. */
  healthyAfterMs: number;
  /** How long a worker that found the lease held waits before it is started again. */
  leaseRetryMs: number;
  /** How long after a flood-wait exit before the admin's flood wait decides (its event may lag). */
  floodRetryMs: number;
}

export type ExitOutcome =
  /** The watchdog asked it to stop (not wanted any more, shutting down). */
  | { kind: 'stopped' }
  | { kind: 'banned' }
  | { kind: 'flood_wait'; delayMs: number }
  | { kind: 'lease_held'; delayMs: number }
  /** Exited on its own (code 0, or a crash): started again after the delay if still wanted. */
  | { kind: 'restart'; delayMs: number; restarts: number; crashes: number; crashed: boolean }
  | { kind: 'give_up'; restarts: number; crashes: number };

/**
 * What an ended worker means. The exit codes of ACCOUNT_WORKER_EXIT say why a worker ended on
 * its own; anything else it did not ask for (another code, a signal, a kill for silence) is a
 * crash. Exits without a fault (0) are restarted with the same backoff, but only crashes lead
 * to giving up.
 */
export function exitOutcome(
  exit: { code: number | null; signal: string | null },
  worker: {
    stopRequested: boolean;
    ranForMs: number;
    restarts: number;
    crashes: number;
    forcedCrash?: boolean;
  },
  policy: ExitPolicy,
): ExitOutcome {
  if (worker.stopRequested) return { kind: 'stopped' };
  if (!worker.forcedCrash && exit.signal === null) {
    if (exit.code === ACCOUNT_WORKER_EXIT.banned) return { kind: 'banned' };
    if (exit.code === ACCOUNT_WORKER_EXIT.floodWait)
      return { kind: 'flood_wait', delayMs: policy.floodRetryMs };
    if (exit.code === ACCOUNT_WORKER_EXIT.leaseHeld)
      return { kind: 'lease_held', delayMs: policy.leaseRetryMs };
  }
  const healthy = worker.ranForMs >= policy.healthyAfterMs;
  const crashed =
    worker.forcedCrash === true || exit.signal !== null || exit.code !== ACCOUNT_WORKER_EXIT.done;
  const restarts = (healthy ? 0 : worker.restarts) + 1;
  const crashes = (healthy ? 0 : worker.crashes) + (crashed ? 1 : 0);
  if (crashed && crashes > policy.maxCrashes) return { kind: 'give_up', restarts, crashes };
  return {
    kind: 'restart',
    delayMs: restartDelayMs(restarts, policy.backoffMs, policy.backoffMaxMs),
    restarts,
    crashes,
    crashed,
  };
}

/** A worker is silent when it owes heartbeats and the last one (or its start) is older than the limit. */
export function isSilent(
  worker: { startedAt: Date | null; lastHeartbeatAt: Date | null; owesHeartbeats: boolean },
  now: Date,
  silenceMs: number,
): boolean {
  if (!worker.owesHeartbeats && !worker.lastHeartbeatAt) return false;
  // A heartbeat of the previous worker does not speak for this one.
  const last = Math.max(worker.lastHeartbeatAt?.getTime() ?? 0, worker.startedAt?.getTime() ?? 0);
  if (last === 0) return false;
  return now.getTime() - last > silenceMs;
}

export const describeExit = (exit: { code: number | null; signal: string | null; detail?: string }) =>
  [exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`, exit.detail]
    .filter(Boolean)
    .join(', ');
