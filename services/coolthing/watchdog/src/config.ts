import { z } from '@switchyard/kit';
import { workerDriverEnv } from '@switchyard/workers';

const ms = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const roles = z
  .string()
  .max(100)
  .transform((v) => [...new Set(v.split(',').map((s) => s.trim()))].filter(Boolean))
  .pipe(z.array(z.enum(['parser', 'manager'])));

const registryId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9-]+(\/[a-z0-9-]+)?$/, 'a registry id such as coolthing/parser');

/**
 * The watchdog's variables: the runtime driver's (`WORKER_DRIVER`, docker and kubernetes
 * settings, from @switchyard/workers) and its own.
 */
export const watchdogEnv = z.object({
  ...workerDriverEnv({ passthrough: 'TELEGRAM_*,BOT_*,PARSER_*,LEASE_*' }),
  /** Roles whose accounts get workers. */
  WATCHDOG_ROLES: roles.default(['parser', 'manager']),
  /** The worker service of each role (registry ids). */
  WORKER_SERVICE_PARSER: registryId.default('coolthing/parser'),
  WORKER_SERVICE_MANAGER: registryId.default('coolthing/bot'),
  /** How often the admin is asked which accounts should run. */
  WATCHDOG_POLL_MS: ms(5000, 20, 600_000),
  /** Supervision pass (health, due restarts). */
  WATCHDOG_TICK_MS: ms(1000, 20, 60_000),
  /** Roles whose workers must send AccountWorkerHeartbeat; others are judged by their process. */
  WORKER_HEARTBEAT_ROLES: roles.default(['parser']),
  /** A worker silent this long (no heartbeat since its last one or its start) is killed and restarted. */
  WORKER_SILENCE_MS: ms(90_000, 50, 3_600_000),
  WORKER_RESTART_BACKOFF_MS: ms(2000, 10, 600_000),
  WORKER_RESTART_BACKOFF_MAX_MS: ms(300_000, 10, 3_600_000),
  /** A worker that ran this long without trouble starts its restart count over. */
  WORKER_HEALTHY_AFTER_MS: ms(300_000, 10, 86_400_000),
  /** Crashes in a row before the account is given up (stopped in the admin with the reason). */
  WORKER_MAX_CRASHES: z.coerce.number().int().min(1).max(1000).default(10),
  /** A worker that found the session lease held is started again after this. */
  WORKER_LEASE_RETRY_MS: ms(30_000, 10, 3_600_000),
  /** After a flood-wait exit, no start for this long (then the admin's flood wait decides). */
  WORKER_FLOOD_RETRY_MS: ms(60_000, 10, 86_400_000),
  /** How long the worker of an account the admin shows banned may take to end by itself. */
  WORKER_BANNED_DRAIN_MS: ms(60_000, 0, 3_600_000),
  /** How often a replacement from an empty reserve pool is tried again. */
  WORKER_REPLACE_RETRY_MS: ms(30_000, 10, 3_600_000),
  /** A claim on an account's worker not renewed for this long is taken over by another instance. */
  WATCHDOG_OWNER_TTL_MS: ms(15_000, 100, 600_000),
  /** Stable name of this instance (pod name, host name by default). */
  WATCHDOG_INSTANCE_ID: z.string().min(1).max(100).optional(),
});

export type WatchdogEnv = z.output<typeof watchdogEnv>;
