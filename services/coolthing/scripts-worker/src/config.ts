import { DEFAULT_LONG_WAIT_SECONDS } from '@switchyard/telegram';
import { ConfigError, z } from '@switchyard/kit';

/**
 * The worker's variables. RUN_ID and RUN_ATTEMPT come from the watchdog; the rest from the
 * deployment. TIME_SCALE > 1 makes every wait (delays, typing, FloodWait, slow mode, the
 * engagement window) shorter by that factor: set it to the sandbox's SANDBOX_TIME_SCALE in tests.
 */
export const workerEnv = z.object({
  RUN_ID: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'a run id'),
  RUN_ATTEMPT: z.coerce.number().int().min(1).max(10_000).default(1),
  TIME_SCALE: z.coerce.number().positive().max(100_000).default(1),
  /** `sandbox` (the Telegram sandbox service) or `mtproto` (real Telegram through mtcute). */
  TELEGRAM_MODE: z.enum(['sandbox', 'mtproto']).default('sandbox'),
  /** The sandbox; the runners' SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX by default. */
  TELEGRAM_SANDBOX_URL: z.string().url().optional(),
  SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX: z.string().url().optional(),
  /** Default application credentials for mtproto; admin hands out each account's own (or its defaults). */
  TELEGRAM_API_ID: z.coerce.number().int().positive().optional(),
  TELEGRAM_API_HASH: z.string().min(8).max(64).optional(),
  /** How long (sandbox/Telegram seconds) members' replies count after the last line. */
  ENGAGEMENT_WINDOW_SECONDS: z.coerce
    .number()
    .min(0)
    .max(7 * 86_400)
    .default(1800),
  /** Session lease per account (real seconds), renewed at a third of it. */
  LEASE_TTL_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /** How long to wait for an account another worker still holds (a crashed one's lease runs out). */
  LEASE_WAIT_SECONDS: z.coerce.number().int().min(0).max(3600).default(90),
  /** How often the operator's run/pause/stop is read (a stop takes effect within this plus a send). */
  CONTROL_POLL_MS: z.coerce.number().int().min(50).max(10_000).default(500),
  /** While waiting on purpose (FloodWait, slow mode, pause), tell the watcher every this many real seconds. */
  HEARTBEAT_SECONDS: z.coerce.number().min(0.1).max(3600).default(20),
  /** FloodWaits longer than this mark the account `flood_wait` in admin while they are waited out. */
  FLOOD_WAIT_LONG_SECONDS: z.coerce.number().int().min(0).max(86_400).default(DEFAULT_LONG_WAIT_SECONDS),
  /** FloodWaits longer than this are not waited out: the account's remaining lines are skipped. */
  FLOOD_WAIT_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(6 * 3600),
  /** Set by the process driver: the worker stops when its watchdog process is gone. */
  WATCHDOG_PID: z.coerce.number().int().min(1).optional(),
});

export type WorkerConfig = z.output<typeof workerEnv>;

/** Rules across variables (the per-variable schema cannot say them). */
export function checkWorkerConfig(config: WorkerConfig): void {
  const problems: { variable: string; message: string }[] = [];
  if (!!config.TELEGRAM_API_ID !== !!config.TELEGRAM_API_HASH)
    problems.push({
      variable: config.TELEGRAM_API_ID ? 'TELEGRAM_API_HASH' : 'TELEGRAM_API_ID',
      message: 'TELEGRAM_API_ID and TELEGRAM_API_HASH go together (got only one)',
    });
  if (config.TELEGRAM_MODE === 'sandbox' && !sandboxUrl(config))
    problems.push({
      variable: 'TELEGRAM_SANDBOX_URL',
      message: 'TELEGRAM_MODE=sandbox needs TELEGRAM_SANDBOX_URL (or SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX)',
    });
  if (problems.length) throw new ConfigError('scripts-worker', problems);
}

export const sandboxUrl = (config: WorkerConfig) =>
  config.TELEGRAM_SANDBOX_URL ?? config.SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX;
