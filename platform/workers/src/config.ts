import { z } from '@switchyard/kit';

const ms = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** Infrastructure and platform variables every worker needs, whatever it does. */
export const COMMON_PASSTHROUGH =
  'NODE_ENV,LOG_LEVEL,LOG_FORMAT,DATABASE_URL,RABBITMQ_URL,REDIS_URL,SECRETS_KEY,INTERNAL_API_TOKEN,' +
  'OTEL_EXPORTER_OTLP_ENDPOINT,PUBLIC_URL,AUTH_JWKS_URL,AUTH_ISSUER,AUTH_AUDIENCE,TIME_SCALE,SERVICE_URL_*';

/**
 * The variables of a watchdog's runtime driver, to spread into its env schema. `WORKER_DRIVER`
 * picks how workers run: `process` (the runner's worker runtime: inline in embedded mode,
 * child processes otherwise), `docker` (Docker Engine API) or `kubernetes` (batch/v1 Jobs in
 * the pod's namespace). `passthrough` is the default of WORKER_ENV_PASSTHROUGH: what the
 * watchdog's workers read from the environment besides COMMON_PASSTHROUGH.
 */
export function workerDriverEnv(options: { passthrough: string }) {
  return {
    WORKER_DRIVER: z.enum(['process', 'docker', 'kubernetes']).default('process'),
    /** Extra variables for every worker, as a JSON object (`{"TIME_SCALE":"60"}`). */
    WORKER_ENV: z
      .string()
      .max(10_000)
      .default('{}')
      .transform((v, ctx) => {
        try {
          const parsed: unknown = JSON.parse(v);
          if (
            parsed &&
            typeof parsed === 'object' &&
            !Array.isArray(parsed) &&
            Object.values(parsed).every((x) => typeof x === 'string')
          )
            return parsed as Record<string, string>;
        } catch {
          // reported below
        }
        ctx.addIssue({ code: 'custom', message: 'a JSON object of strings' });
        return z.NEVER;
      }),
    /**
     * Variables copied from the watchdog's environment into docker workers (`*` at the end
     * matches a prefix). Kubernetes workers read the shared ConfigMap and Secret instead.
     */
    WORKER_ENV_PASSTHROUGH: z.string().max(2000).default(`${COMMON_PASSTHROUGH},${options.passthrough}`),
    /** Image of docker and kubernetes workers; in Kubernetes the watchdog's own image by default. */
    WORKER_IMAGE: z.string().min(1).max(300).optional(),
    POD_NAME: z.string().min(1).max(253).optional(),
    POD_NAMESPACE: z.string().min(1).max(63).optional(),
    /** `unix:///var/run/docker.sock` (default) or `tcp://host:2375`. */
    DOCKER_HOST: z.string().min(1).max(300).default('unix:///var/run/docker.sock'),
    DOCKER_API_VERSION: z
      .string()
      .regex(/^\d+\.\d+$/)
      .default('1.44'),
    /** Network the worker containers join (the Compose project's network). */
    DOCKER_NETWORK: z.string().min(1).max(200).optional(),
    /** Kubernetes API; in a pod `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`. */
    K8S_API_URL: z.string().url().optional(),
    KUBERNETES_SERVICE_HOST: z.string().min(1).max(300).optional(),
    KUBERNETES_SERVICE_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    K8S_SERVICE_ACCOUNT_DIR: z
      .string()
      .min(1)
      .max(300)
      .default('/var/run/secrets/kubernetes.io/serviceaccount'),
    K8S_JOB_TTL_SECONDS: z.coerce.number().int().min(0).max(604_800).default(600),
    K8S_POLL_MS: ms(2000, 20, 60_000),
    /** Service account of worker pods (they do not talk to the Kubernetes API). */
    K8S_WORKER_SERVICE_ACCOUNT: z.string().min(1).max(253).default('switchyard'),
    /** ConfigMaps and Secrets worker pods read their variables from (`configmap:name`, `secret:name`). */
    K8S_WORKER_ENV_FROM: z
      .string()
      .max(1000)
      .default('configmap:switchyard-shared,secret:switchyard-secrets'),
  };
}

export type WorkerDriverEnv = z.output<z.ZodObject<ReturnType<typeof workerDriverEnv>>>;

/** Variables of `env` that match the names (or prefixes ending in `*`) of `spec`. */
export function passthrough(spec: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const patterns = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    if (patterns.some((p) => (p.endsWith('*') ? key.startsWith(p.slice(0, -1)) : key === p)))
      out[key] = value;
  }
  return out;
}

/**
 * What every worker of this driver gets on top of its own variables: docker workers copy the
 * watchdog's environment (WORKER_ENV_PASSTHROUGH); process workers inherit it, Kubernetes
 * workers read the shared ConfigMap and Secret. WORKER_ENV goes to all.
 */
export function baseWorkerEnv(
  kind: 'process' | 'docker' | 'kubernetes',
  config: Pick<WorkerDriverEnv, 'WORKER_ENV' | 'WORKER_ENV_PASSTHROUGH'>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  return kind === 'docker'
    ? { ...passthrough(config.WORKER_ENV_PASSTHROUGH, env), ...config.WORKER_ENV }
    : { ...config.WORKER_ENV };
}
