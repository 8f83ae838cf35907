import { ConfigError, z } from '@switchyard/kit';
import { DEFAULT_LONG_WAIT_SECONDS } from '@switchyard/telegram';

const seconds = (def: number, min = 0, max = 30 * 86_400) => z.coerce.number().min(min).max(max).default(def);

/**
 * One worker per parser account: ACCOUNT_ID comes from whoever starts it (the watchdog), the
 * rest from the deployment. PARSER_TIME_SCALE > 1 shortens the worker's own waits (flood waits
 * slept through): set it to the sandbox's SANDBOX_TIME_SCALE in tests.
 */
export const parserEnv = z.object({
  ACCOUNT_ID: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'an account id'),
  /** `sandbox` (the Telegram sandbox service) or `mtproto` (real Telegram through mtcute). */
  TELEGRAM_GATEWAY: z.enum(['sandbox', 'mtproto']).default('sandbox'),
  TELEGRAM_SANDBOX_URL: z.string().url().optional(),
  SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX: z.string().url().optional(),
  TELEGRAM_API_ID: z.coerce.number().int().positive().optional(),
  TELEGRAM_API_HASH: z.string().min(8).max(64).optional(),
  PARSER_TIME_SCALE: z.coerce.number().positive().max(100_000).default(1),
  /** Session lease (real seconds), renewed at a third of it. */
  PARSER_LEASE_TTL_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
  /** How long to wait for a lease another worker holds (a crashed one's runs out) before giving up. */
  PARSER_LEASE_WAIT_SECONDS: seconds(90, 0, 3600),
  /** How often the assignment (campaigns, keywords, chats) is read again from the admin. */
  PARSER_ASSIGNMENT_POLL_SECONDS: seconds(15, 0.1, 3600),
  /**
   * How often the worker asks Telegram who it is: a banned account is otherwise noticed only at
   * its next call, which a quiet chat may not cause for hours.
   */
  PARSER_ACCOUNT_CHECK_SECONDS: seconds(60, 0.1, 86_400),
  /** How often the worker tells the watchdog it is alive (AccountWorkerHeartbeat). */
  PARSER_HEARTBEAT_SECONDS: seconds(10, 0.1, 3600),
  /** One lead per user per campaign within this window, unless the campaign sets its own. */
  PARSER_DEDUP_WINDOW_SECONDS: seconds(86_400, 0, 365 * 86_400),
  /** Claims older than this are deleted (they no longer block anything). */
  PARSER_CLAIM_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(60),
  /** Profiles (bio) are read once per user and kept this long, at most this many. */
  PARSER_PROFILE_CACHE_SECONDS: seconds(3600, 0, 7 * 86_400),
  PARSER_PROFILE_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  /** A profile read slower than this gives the lead without a bio. */
  PARSER_PROFILE_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(3000),
  /** FloodWaits up to this are slept through; longer ones pause the account (the watchdog moves its chats). */
  PARSER_FLOOD_WAIT_LONG_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400)
    .default(DEFAULT_LONG_WAIT_SECONDS),
  /** Pause between two joins or leaves (Telegram answers many in a row with FloodWait). */
  PARSER_JOIN_GAP_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  /** Messages are handled in this many lanes by sender, so one user's messages keep their order. */
  PARSER_LANES: z.coerce.number().int().min(1).max(64).default(4),
  /** Set by the watchdog's process driver: a child whose watchdog died stops by itself. */
  WATCHDOG_PID: z.coerce.number().int().min(1).optional(),
});

export type ParserConfig = z.output<typeof parserEnv>;

export const sandboxUrl = (config: ParserConfig) =>
  config.TELEGRAM_SANDBOX_URL ?? config.SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX;

export function checkParserConfig(config: ParserConfig): void {
  const problems: { variable: string; message: string }[] = [];
  if (config.TELEGRAM_GATEWAY === 'mtproto' && !(config.TELEGRAM_API_ID && config.TELEGRAM_API_HASH))
    problems.push({
      variable: 'TELEGRAM_API_ID',
      message: 'TELEGRAM_GATEWAY=mtproto needs TELEGRAM_API_ID and TELEGRAM_API_HASH',
    });
  if (config.TELEGRAM_GATEWAY === 'sandbox' && !sandboxUrl(config))
    problems.push({
      variable: 'TELEGRAM_SANDBOX_URL',
      message:
        'TELEGRAM_GATEWAY=sandbox needs TELEGRAM_SANDBOX_URL (or SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX)',
    });
  // Pruning a claim younger than the window would let the same user become a lead again.
  if (config.PARSER_CLAIM_RETENTION_DAYS * 86_400 < config.PARSER_DEDUP_WINDOW_SECONDS)
    problems.push({
      variable: 'PARSER_CLAIM_RETENTION_DAYS',
      message: 'must cover PARSER_DEDUP_WINDOW_SECONDS',
    });
  if (problems.length) throw new ConfigError('parser', problems);
}
