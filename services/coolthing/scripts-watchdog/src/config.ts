import { z } from '@switchyard/kit';
import { workerDriverEnv } from '@switchyard/workers';

const ms = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * The watchdog's variables: the runtime driver's (`WORKER_DRIVER`, docker and kubernetes
 * settings, from @switchyard/workers) and its own.
 */
export const watchdogEnv = z.object({
  ...workerDriverEnv({ passthrough: 'TELEGRAM_*,ENGAGEMENT_WINDOW_SECONDS,LEASE_*' }),
  /** Runs played at once; more wait in the database, oldest first. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  /** Restarts after crashes (exit without ScriptFinished) before the run is failed. */
  WORKER_MAX_RESTARTS: z.coerce.number().int().min(0).max(100).default(5),
  WORKER_RESTART_BACKOFF_MS: ms(2000, 10, 600_000),
  WORKER_RESTART_BACKOFF_MAX_MS: ms(60_000, 10, 3_600_000),
  /** After a worker exits, how long to wait for its ScriptFinished before calling it a crash. */
  WORKER_FINISH_GRACE_MS: ms(5000, 0, 120_000),
  /** After a stop request, how long the worker has to stop by itself before it is stopped. */
  WORKER_STOP_GRACE_MS: ms(10_000, 0, 600_000),
  WATCHDOG_TICK_MS: ms(500, 20, 60_000),
  /** A claim on a run not renewed for this long is taken over by another instance. */
  WATCHDOG_OWNER_TTL_MS: ms(15_000, 100, 600_000),
  /** Stable name of this instance (pod name, host name by default). */
  WATCHDOG_INSTANCE_ID: z.string().min(1).max(100).optional(),
});

export type WatchdogEnv = z.output<typeof watchdogEnv>;
