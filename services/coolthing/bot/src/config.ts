import { ConfigError, z } from '@switchyard/kit';
import { DEFAULT_LONG_WAIT_SECONDS } from '@switchyard/telegram';
import { optOutMatcher, parsePhrases } from './domain/opt-out';

const seconds = (def: number, max = 7 * 86_400) => z.coerce.number().min(0).max(max).default(def);

/**
 * One worker per manager account: ACCOUNT_ID comes from whoever starts it (the watchdog);
 * the rest from the deployment. BOT_TIME_SCALE > 1 shortens the worker's own waits (gaps,
 * typing, flood waits): set it to the sandbox's SANDBOX_TIME_SCALE in tests.
 */
export const botEnv = z.object({
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
  BOT_TIME_SCALE: z.coerce.number().positive().max(100_000).default(1),
  /** Least time between first messages (offers) from the account. */
  BOT_OFFER_GAP_SECONDS: seconds(90),
  /** Least time between any other private messages from the account. */
  BOT_REPLY_GAP_SECONDS: seconds(3),
  /** Random extra gap per message. */
  BOT_JITTER_SECONDS: seconds(30, 3600),
  /** "typing…" before each message: per character, within bounds. */
  BOT_TYPING_MS_PER_CHAR: z.coerce.number().min(0).max(1000).default(40),
  BOT_TYPING_MIN_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
  BOT_TYPING_MAX_MS: z.coerce.number().int().min(0).max(120_000).default(8000),
  /** Tries per message on failures that may pass (network, unknown errors). */
  BOT_SEND_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  BOT_RETRY_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(2000),
  /** FloodWaits up to this are slept through; longer ones mark the account and give its messages back. */
  BOT_FLOOD_WAIT_LONG_SECONDS: z.coerce.number().int().min(0).max(86_400).default(DEFAULT_LONG_WAIT_SECONDS),
  /** A message this late (the worker was down) is given back to the manager instead of sent. */
  BOT_MAX_LATENESS_SECONDS: seconds(6 * 3600),
  /** After a ban, requests still arriving are given back for this long (real seconds) before the worker exits. */
  BOT_BANNED_DRAIN_SECONDS: seconds(15, 3600),
  /** Session lease (real seconds), renewed at a third of it. */
  BOT_LEASE_TTL_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /** How long to wait for a lease another worker holds (a crashed one's runs out) before giving up. */
  BOT_LEASE_WAIT_SECONDS: z.coerce.number().min(0).max(3600).default(90),
  /** Opt-out phrases, replacing the built-in RU/EN list (`;`, `,` or new lines between them). */
  BOT_OPT_OUT_PHRASES: z.string().max(20_000).optional(),
  /** Phrases added to the list. */
  BOT_OPT_OUT_PHRASES_EXTRA: z.string().max(20_000).default(''),
  /** How often the sender looks for due messages when idle. */
  BOT_TICK_MS: z.coerce.number().int().min(10).max(60_000).default(500),
});

export type BotConfig = z.output<typeof botEnv>;

export const sandboxUrl = (config: BotConfig) =>
  config.TELEGRAM_SANDBOX_URL ?? config.SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX;

export function checkBotConfig(config: BotConfig, phrases: () => string[]): void {
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
  if (config.BOT_TYPING_MAX_MS < config.BOT_TYPING_MIN_MS)
    problems.push({ variable: 'BOT_TYPING_MAX_MS', message: 'must not be below BOT_TYPING_MIN_MS' });
  try {
    optOutMatcher(phrases());
  } catch (err) {
    problems.push({ variable: 'BOT_OPT_OUT_PHRASES', message: (err as Error).message });
  }
  if (problems.length) throw new ConfigError('bot', problems);
}

/** The configured phrases: the built-in list or its replacement, plus the extra ones. */
export function optOutPhrases(config: BotConfig, defaults: readonly string[]): string[] {
  const base =
    config.BOT_OPT_OUT_PHRASES !== undefined ? parsePhrases(config.BOT_OPT_OUT_PHRASES) : [...defaults];
  return [...base, ...parsePhrases(config.BOT_OPT_OUT_PHRASES_EXTRA)];
}
