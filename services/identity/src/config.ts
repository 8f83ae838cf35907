import { z, type ServiceConfig } from '@switchyard/kit';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');
const seconds = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Identity's own variables (NODE_ENV, SECRETS_KEY, AUTH_ISSUER, AUTH_AUDIENCE and PUBLIC_URL come from the base config). */
export const identityEnv = z.object({
  OWNER_EMAIL: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  OWNER_PASSWORD: z.string().min(8).max(128).optional(),
  /** Seed demo accounts; on by default except when NODE_ENV=production. */
  DEMO_USERS: z.enum(['true', 'false']).optional(),
  IDENTITY_ACCESS_TTL_SECONDS: seconds(900, 60, 3600),
  IDENTITY_REFRESH_TTL_DAYS: seconds(30, 1, 365),
  IDENTITY_CLOCK_SKEW_SECONDS: seconds(60, 0, 600),
  IDENTITY_KEY_ROTATION_DAYS: seconds(30, 1, 3650),
  /** A new key is published at once and signs only after this delay (verifiers refetch meanwhile). */
  IDENTITY_KEY_ACTIVATION_DELAY_SECONDS: seconds(600, 0, 86_400),
  IDENTITY_KEY_CHECK_INTERVAL_SECONDS: seconds(60, 1, 3600),
  IDENTITY_LOCKOUT_THRESHOLD: seconds(5, 1, 100),
  IDENTITY_LOCKOUT_BASE_SECONDS: seconds(60, 1, 3600),
  IDENTITY_LOCKOUT_MAX_SECONDS: seconds(3600, 1, 86_400),
  IDENTITY_IP_MAX_FAILURES: seconds(50, 1, 100_000),
  IDENTITY_IP_WINDOW_SECONDS: seconds(900, 1, 86_400),
  IDENTITY_REGISTRATIONS_PER_IP_HOUR: seconds(20, 1, 100_000),
  IDENTITY_CODES_PER_MINUTE: seconds(1, 1, 100),
  IDENTITY_CODES_PER_HOUR: seconds(5, 1, 1000),
  /** Take the client address from X-Forwarded-For (set by the gateway in front). */
  IDENTITY_TRUST_FORWARDED: flag('true'),
});

export type IdentityConfig = ServiceConfig<typeof identityEnv.shape>;
