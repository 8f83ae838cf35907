import { z } from '@switchyard/kit';

const ms = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * The watchdog's own variables. `WORKER_DRIVER` picks how workers run: `process` (the
 * runner's worker runtime: inline in embedded mode, child processes otherwise), `docker`
 * (Docker Engine API) or `kubernetes` (batch/v1 Jobs in the pod's namespace).
 */
export const watchdogEnv = z.object({
  WORKER_DRIVER: z.enum(['process', 'docker', 'kubernetes']).default('process'),
  /** Runs played at once; more wait in the database, oldest first. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  /** Restarts after crashes (exit without ScriptFinished) before the run is failed. */
  WORKER_MAX_RESTARTS: z.coerce.number().int().min(0).max(100).default(5),
  WORKER_RESTART_BACKOFF_MS: ms(2000, 10, 600_000),
  WORKER_RESTART_BACKOFF_MAX_MS: ms(60_000, 10, 3_600_000),
  /** After a worker exits, how long to wait for its ScriptFinished before calling it a crash. */
  WORKER_FINISH_GRACE_MS: ms(5000, 0, 120_000),
  /** After a stop request, how long the worker has to stop by itself before it is stopped. */
  WORKER_STOP_GRACE_MS: ms(10_000, 0, 600_000),
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
  WORKER_ENV_PASSTHROUGH: z
    .string()
    .max(2000)
    .default(
      'NODE_ENV,LOG_LEVEL,LOG_FORMAT,DATABASE_URL,RABBITMQ_URL,REDIS_URL,SECRETS_KEY,INTERNAL_API_TOKEN,' +
        'OTEL_EXPORTER_OTLP_ENDPOINT,PUBLIC_URL,AUTH_JWKS_URL,AUTH_ISSUER,AUTH_AUDIENCE,TIME_SCALE,' +
        'TELEGRAM_*,ENGAGEMENT_WINDOW_SECONDS,LEASE_*,SERVICE_URL_*',
    ),
  /** Image of docker and kubernetes workers; in Kubernetes the watchdog's own image by default. */
  WORKER_IMAGE: z.string().min(1).max(300).optional(),
  WATCHDOG_TICK_MS: ms(500, 20, 60_000),
  /** A claim on a run not renewed for this long is taken over by another instance. */
  WATCHDOG_OWNER_TTL_MS: ms(15_000, 100, 600_000),
  /** Stable name of this instance (pod name, host name by default). */
  WATCHDOG_INSTANCE_ID: z.string().min(1).max(100).optional(),
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
  K8S_WORKER_ENV_FROM: z.string().max(1000).default('configmap:switchyard-shared,secret:switchyard-secrets'),
});

export type WatchdogEnv = z.output<typeof watchdogEnv>;
