import { ConfigError, z, type ServiceConfig } from '@switchyard/kit';
import { ALERT_TYPES, LOCALES, type AlertType } from './domain/types';

const flag = z
  .enum(['true', 'false', 'on', 'off', '1', '0'])
  .transform((v) => ['true', 'on', '1'].includes(v));

const json = <S extends z.ZodType>(schema: S, example: string) =>
  z.string().transform((raw, ctx): z.output<S> => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: `expected JSON like ${example}` });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });

const BotToken = z.string().regex(/^\d{1,12}:[A-Za-z0-9_-]{8,100}$/, 'a bot token like 123456:abc-DEF_ghi');
const ChatId = z.string().regex(/^-?\d{1,20}$|^@[A-Za-z][A-Za-z0-9_]{3,31}$/, 'a chat id or @username');

/** A bot configured through the environment (deployments without the admin service, or extra bots). */
export const EnvBotSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  name: z.string().min(1).max(100).default('notifications'),
  token: BotToken,
  adminChatIds: z
    .array(z.union([ChatId, z.number().int().transform(String)]))
    .min(1)
    .max(50),
  enabled: z.boolean().default(true),
  locale: z.enum(LOCALES).optional(),
});

const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone such as Europe/Moscow or UTC');

/** The notifier's own variables; every one has a default or is optional. */
export const notifierEnv = z.object({
  /** `sandbox`: bots talk to the Telegram sandbox's Bot API; `mtproto`: real Telegram (api.telegram.org). */
  TELEGRAM_MODE: z.enum(['sandbox', 'mtproto']).default('sandbox'),
  /** Set by the runners when the sandbox is part of the deployment. */
  SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX: z.string().url().optional(),
  /** Set by the runners when the admin service is part of the deployment (the bots' source). */
  SERVICE_URL_COOLTHING_ADMIN: z.string().url().optional(),
  /** Overrides where grammY sends Bot API calls (a local Bot API server, a proxy). */
  NOTIFIER_BOT_API_ROOT: z.string().url().optional(),
  /**
   * Bots as JSON: `[{"token":"123:abc","adminChatIds":["-100123"],"locale":"en"}]`; used with the
   * admin's. Read by `envBots` (it holds tokens, so a mistake is reported without the value).
   */
  NOTIFIER_BOTS: z.string().max(20_000).optional(),
  /** Read notification bots from the admin service when it is deployed. */
  NOTIFIER_ADMIN_BOTS: flag.default(true),
  /**
   * Post with the sandbox's demo bot into the sandbox's admin chats (found through its world
   * API). Default: on in sandbox mode when the sandbox is deployed.
   */
  NOTIFIER_SANDBOX_BOT: flag.optional(),
  /** The demo bot's token; defaults to the sandbox's SANDBOX_DEMO_BOT_TOKEN and its default. */
  NOTIFIER_SANDBOX_BOT_TOKEN: BotToken.optional(),
  SANDBOX_DEMO_BOT_TOKEN: BotToken.optional(),
  /** Language of messages unless a bot or chat says otherwise. */
  NOTIFIER_LOCALE: z.enum(LOCALES).default('ru'),
  /** Per admin chat language, JSON: `{"-100123":"en"}`. */
  NOTIFIER_CHAT_LOCALES: json(z.record(z.string().max(40), z.enum(LOCALES)), '{"-100123":"en"}').optional(),
  /** Time zone of dates in messages. */
  NOTIFIER_TIMEZONE: timeZone.default('Europe/Moscow'),
  /** `html` (bold headings; user text escaped) or `plain`. */
  NOTIFIER_PARSE_MODE: z.enum(['html', 'plain']).default('html'),
  /** Events of one kind and key within this window become one message (the longest an alert waits). */
  NOTIFIER_BURST_WINDOW_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /** A burst ends early when no event of its kind came for this long. */
  NOTIFIER_BURST_QUIET_SECONDS: z.coerce.number().min(0).max(3600).default(3),
  /** How often due bursts are composed into alerts. */
  NOTIFIER_COMPOSE_INTERVAL_MS: z.coerce.number().int().min(20).max(60_000).default(500),
  /** Delivery attempts through the bus (with backoff) before the alert is dead-lettered. */
  NOTIFIER_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  NOTIFIER_DELIVERY_RETRY_INITIAL_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
  /** Telegram 429s up to this long are waited out inside one attempt (grammY auto-retry). */
  NOTIFIER_BOT_MAX_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  /** How long the list of bots and admin chats is reused before it is read again. */
  NOTIFIER_BOTS_CACHE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /** Alerts older than this are dropped from the log. */
  NOTIFIER_ALERT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** How long looked-up names (runs, campaigns, accounts, chats) are reused. */
  NOTIFIER_NAMES_CACHE_SECONDS: z.coerce.number().min(0).max(86_400).default(300),
  /** Alert types not to send (comma-separated, e.g. `lead.new,script.started`); they are not logged either. */
  NOTIFIER_MUTED_TYPES: z
    .string()
    .max(1000)
    .transform((v, ctx) => {
      const types = v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      const unknown = types.filter((t) => !(ALERT_TYPES as readonly string[]).includes(t));
      if (unknown.length) {
        ctx.addIssue({ code: 'custom', message: `unknown alert types ${unknown.join(', ')}` });
        return z.NEVER;
      }
      return types as AlertType[];
    })
    .optional(),
});

export type NotifierConfig = ServiceConfig<typeof notifierEnv.shape>;

/** `NOTIFIER_BOTS` read and checked; a mistake names the field, never the value (it has tokens). */
export function envBots(config: NotifierConfig): z.output<typeof EnvBotSchema>[] {
  if (!config.NOTIFIER_BOTS) return [];
  const parsed = json(
    z.array(EnvBotSchema).max(20),
    '[{"token":"123:abc","adminChatIds":["-100123"]}]',
  ).safeParse(config.NOTIFIER_BOTS);
  if (parsed.success) return parsed.data;
  throw new ConfigError('notifier', [
    { variable: 'NOTIFIER_BOTS', message: `${parsed.error.issues[0]!.message} (got (hidden))` },
  ]);
}

/** The demo bot's token as the sandbox has it. */
export const SANDBOX_DEFAULT_BOT_TOKEN = '8000000001:sandbox-demo-notify-token';

/** Where grammY sends Bot API calls: explicit root, the sandbox in sandbox mode, else Telegram. */
export function botApiRoot(config: NotifierConfig): string | undefined {
  if (config.NOTIFIER_BOT_API_ROOT) return config.NOTIFIER_BOT_API_ROOT.replace(/\/$/, '');
  if (config.TELEGRAM_MODE === 'sandbox') {
    if (!config.SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX)
      throw new ConfigError('notifier', [
        {
          variable: 'SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX',
          message:
            'TELEGRAM_MODE=sandbox needs the sandbox (or NOTIFIER_BOT_API_ROOT); set TELEGRAM_MODE=mtproto for real Telegram (got nothing)',
        },
      ]);
    // The sandbox answers the Bot API at its root: `<sandbox>/bot<token>/<method>`.
    return config.SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX.replace(/\/$/, '');
  }
  return undefined;
}

export const sandboxBotEnabled = (config: NotifierConfig): boolean =>
  config.NOTIFIER_SANDBOX_BOT ??
  (config.TELEGRAM_MODE === 'sandbox' && !!config.SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX);

export const sandboxBotToken = (config: NotifierConfig): string =>
  config.NOTIFIER_SANDBOX_BOT_TOKEN ?? config.SANDBOX_DEMO_BOT_TOKEN ?? SANDBOX_DEFAULT_BOT_TOKEN;
