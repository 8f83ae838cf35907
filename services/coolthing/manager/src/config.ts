import { ConfigError, z } from '@switchyard/kit';
import { parseWarmup } from './domain/caps';

const seconds = (def: number, max = 7 * 86_400) => z.coerce.number().min(0).max(max).default(def);

/**
 * The manager's variables. Campaign settings (caps per day, windows, pacing, approval mode,
 * auto-reply, LLM profile) come from the admin; these are the deployment-wide ones.
 */
export const managerEnv = z.object({
  /** `auto`: a campaign's LLM profile, or the offline composer when it has none; `offline`: always the composer. */
  MANAGER_LLM: z.enum(['auto', 'offline']).default('auto'),
  /** Deadline of one model call. */
  MANAGER_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  /** Tries per draft or answer when the model fails with a retryable error; then the lead is parked. */
  MANAGER_LLM_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
  MANAGER_LLM_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  MANAGER_LLM_BACKOFF_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(300_000),
  /** One lead per user and campaign within this window. */
  MANAGER_DEDUP_WINDOW_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 3650)
    .default(24 * 30),
  /** Private messages per account per hour (offers, answers and operator messages together). */
  MANAGER_MESSAGES_PER_HOUR: z.coerce.number().int().min(0).max(10_000).default(20),
  /** Warm-up ramp: new contacts per day by account warm-up stage (0, 1, ...); later stages use the campaign cap. */
  MANAGER_WARMUP_DAILY_CAPS: z
    .string()
    .max(200)
    .default('5,10,20,35')
    .refine((s) => {
      try {
        parseWarmup(s);
        return true;
      } catch {
        return false;
      }
    }, 'comma-separated whole numbers, e.g. 5,10,20,35'),
  /** Random extra delay added to each planned send (spreads sends at a window's opening). */
  MANAGER_JITTER_SECONDS: seconds(60, 3600),
  /** Replies are batched: wait this long after the lead's last message for more. */
  MANAGER_REPLY_BATCH_SECONDS: seconds(20, 3600),
  /** A batch never waits longer than this from its first message. */
  MANAGER_REPLY_BATCH_MAX_SECONDS: seconds(120, 86_400),
  /** Messages of the conversation given to the model for an answer. */
  MANAGER_HISTORY_LIMIT: z.coerce.number().int().min(1).max(200).default(20),
  /** Messages are handed to the account worker this long before they are due. */
  MANAGER_DISPATCH_HORIZON_SECONDS: seconds(600, 86_400),
  /** Longest wait before a waiting lead is looked at again (campaign settings may change). */
  MANAGER_RECHECK_SECONDS: seconds(60, 86_400),
  /**
   * A requested message with no report from its account worker is requested again (same id; the
   * worker keeps each once) after this long: a worker that never ran had no queue to receive it.
   */
  MANAGER_REREQUEST_SECONDS: seconds(120, 86_400),
  /** Offers re-planned after delivery failures that another account may fix, before the lead fails. */
  MANAGER_MAX_DISPATCHES: z.coerce.number().int().min(1).max(50).default(3),
  /** Campaign settings are cached this long. */
  MANAGER_CAMPAIGN_CACHE_SECONDS: seconds(10, 3600),
  /** How often the background jobs (drafts, dispatch, answers) look for due work. */
  MANAGER_TICK_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** How long one instance holds a lead while working on it (longer than a model call). */
  MANAGER_CLAIM_SECONDS: seconds(180, 3600),
  /** Leads worked on at once per instance. */
  MANAGER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  /** Deliveries of `lead.*` in flight per instance. */
  MANAGER_PREFETCH: z.coerce.number().int().min(1).max(500).default(20),
  /** Most rows one CSV export returns. */
  MANAGER_EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(1_000_000).default(100_000),
});

export type ManagerConfig = z.output<typeof managerEnv>;

export function checkManagerConfig(config: ManagerConfig): void {
  if (config.MANAGER_LLM_BACKOFF_MAX_MS < config.MANAGER_LLM_BACKOFF_MS)
    throw new ConfigError('manager', [
      { variable: 'MANAGER_LLM_BACKOFF_MAX_MS', message: 'must not be below MANAGER_LLM_BACKOFF_MS' },
    ]);
  if (config.MANAGER_REPLY_BATCH_MAX_SECONDS < config.MANAGER_REPLY_BATCH_SECONDS)
    throw new ConfigError('manager', [
      {
        variable: 'MANAGER_REPLY_BATCH_MAX_SECONDS',
        message: 'must not be below MANAGER_REPLY_BATCH_SECONDS',
      },
    ]);
}
