import { z } from 'zod';
import { parseSecretsKey } from './secrets/secret-box';

/** Variables every service reads; a service adds its own with `env` in its definition. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /**
   * Master key for secrets at rest (32 bytes, hex or base64); each service derives its own
   * keys from it. Required in production; elsewhere one is generated per service data folder.
   */
  SECRETS_KEY: z
    .string()
    .refine((v) => {
      try {
        parseSecretsKey(v);
        return true;
      } catch {
        return false;
      }
    }, 'expected 32 bytes as 64 hex digits or base64')
    .optional(),
  /** Shared by the services of one deployment; proves a call comes from a fellow service. */
  INTERNAL_API_TOKEN: z.string().min(24).max(256).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  DATABASE_URL: z.string().url().optional(),
  RABBITMQ_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Applying migrations at start-up; a migrations job turns it off in Compose and Kubernetes. */
  MIGRATE_ON_START: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Address the outside world reaches the system at (links in mail, OpenAPI servers). */
  PUBLIC_URL: z.string().url().default('http://localhost:8080'),
  /** Where access tokens' public keys are published; defaults to the identity service's JWKS. */
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_ISSUER: z.string().min(1).default('switchyard-identity'),
  AUTH_AUDIENCE: z.string().min(1).default('switchyard'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

export type BaseConfig = z.output<typeof baseEnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly service: string,
    readonly problems: { variable: string; message: string }[],
  ) {
    super(
      `invalid configuration for ${service}:\n` +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'),
    );
  }
}

/**
 * Validates the environment against the base schema merged with the service's own; the
 * error names each variable, what it expected and what it got.
 */
export function loadConfig<S extends z.ZodRawShape>(
  service: string,
  extra: z.ZodObject<S> | undefined,
  env: Record<string, string | undefined>,
): BaseConfig & z.output<z.ZodObject<S>> {
  const schema = extra ? baseEnvSchema.extend(extra.shape) : baseEnvSchema;
  // Empty strings mean "unset", as in most shells and Compose files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data as BaseConfig & z.output<z.ZodObject<S>>;
  throw new ConfigError(
    service,
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(environment)');
      const got = cleaned[variable];
      const shown = got === undefined ? 'nothing' : looksSecret(variable) ? '(hidden)' : JSON.stringify(got);
      return { variable, message: `${issue.message} (got ${shown})` };
    }),
  );
}

const looksSecret = (name: string) => /SECRET|PASSWORD|TOKEN|KEY|SESSION/i.test(name) || /_URL$/.test(name);
