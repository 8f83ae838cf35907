import { ConfigError, z, type ServiceConfig } from '@switchyard/kit';

const flag = z
  .enum(['true', 'false', 'on', 'off', '1', '0'])
  .transform((v) => ['true', 'on', '1'].includes(v));

/** The admin service's own variables (NODE_ENV, SECRETS_KEY, INTERNAL_API_TOKEN come from the base config). */
export const adminEnv = z.object({
  /** `sandbox`: the Telegram sandbox service; `mtproto`: real Telegram user accounts through mtcute. */
  TELEGRAM_MODE: z.enum(['sandbox', 'mtproto']).default('sandbox'),
  /** Where the sandbox is (set by the runners when the sandbox is part of the deployment). */
  SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX: z.string().url().optional(),
  /** Default application credentials (my.telegram.org) for accounts that bring none (mtproto). */
  TELEGRAM_API_ID: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31)
    .optional(),
  TELEGRAM_API_HASH: z
    .string()
    .regex(/^[0-9a-f]{32}$/i, '32 hex digits')
    .optional(),
  /** Seed the sandbox demo (actor accounts, chats, a scripts campaign); default on except in production. */
  COOLTHING_DEMO: flag.optional(),
  /** How long a started sign-in may wait for its code or password. */
  ADMIN_ONBOARDING_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Wrong codes or passwords before a sign-in is abandoned. */
  ADMIN_ONBOARDING_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** How often accounts whose flood wait ended become active again. */
  ADMIN_FLOOD_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export type AdminConfig = ServiceConfig<typeof adminEnv.shape>;

/** Rules across variables, which the per-variable schema cannot express. */
export function checkAdminConfig(config: AdminConfig): void {
  if (!!config.TELEGRAM_API_ID !== !!config.TELEGRAM_API_HASH)
    throw new ConfigError('admin', [
      {
        variable: config.TELEGRAM_API_ID ? 'TELEGRAM_API_HASH' : 'TELEGRAM_API_ID',
        message: 'TELEGRAM_API_ID and TELEGRAM_API_HASH go together (got only one)',
      },
    ]);
}

/** Demo data is on unless switched off, and off by default in production. */
export const demoEnabled = (config: AdminConfig): boolean =>
  config.COOLTHING_DEMO ?? config.NODE_ENV !== 'production';
