import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Bus, Enqueue, SubscriptionSpec } from '@switchyard/bus';
import type { Cache } from '@switchyard/cache';
import type { ServiceClients } from '@switchyard/http';
import type { TokenVerifier } from '@switchyard/auth';
import type { Database, Kysely, Migration, Transaction } from '@switchyard/store';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { BaseConfig } from './config';
import type { BanList } from './http/auth';
import type { AppEnv } from './http/env';
import type { RouteDef } from './http/route';
import type { ServiceMetrics } from './metrics';
import type { SecretBox } from './secrets/secret-box';
import type { WorkerRuntime } from './workers';

export type SystemName = 'coolthing' | 'cinema' | 'shop' | 'fitness';

/** Work that runs for the life of the service (a poller, a scheduler); stop it through the signal. */
export interface BackgroundTask {
  name: string;
  run(signal: AbortSignal): Promise<void>;
}

/** What a service's setup hands back to the runtime. */
export interface ServiceParts {
  routes?: RouteDef[];
  subscriptions?: SubscriptionSpec[];
  tasks?: BackgroundTask[];
  /** Extra readiness check; throw when not ready. */
  readiness?: () => Promise<void>;
  /** Lines for the start-up summary (for example demo logins). */
  banner?: () => string[];
  /** Middleware that runs before every route of the service (after ids, tracing and auth). */
  middleware?: MiddlewareHandler<AppEnv>[];
  /** Raw routes outside OpenAPI (streams, static files), registered after all others. */
  mount?: (app: OpenAPIHono<AppEnv>) => void;
  /** Users to refuse even with a valid token (banned after it was issued). */
  bans?: BanList;
  /** Verifies access tokens itself instead of through the JWKS URL (the identity service). */
  verifier?: TokenVerifier;
  /** Hides secrets that travel in a path (a bot token) from logs and spans. */
  redactPath?: (path: string) => string;
  /** Called on shutdown after consumers stopped and before connections close. */
  stop?: () => Promise<void>;
}

/** Everything a service's composition root receives; the adapters behind it come from configuration. */
export interface ServiceContext<C> {
  name: string;
  system: SystemName | undefined;
  /** Path of this service behind the gateway, for example `/api/cinema/films`. */
  publicPath: string;
  config: C;
  log: Logger;
  metrics: ServiceMetrics;
  /** The service's own database (only when it declares migrations or `database: true`). */
  db<DB>(): Kysely<DB>;
  database: Database<unknown> | undefined;
  /** One transaction whose published events go through the outbox. */
  transaction<DB, T>(fn: (trx: Transaction<DB>, publish: Enqueue) => Promise<T>): Promise<T>;
  bus: Bus;
  cache: Cache;
  clients: ServiceClients;
  /** Folder for this service's files (uploads, captured mail) under DATA_DIR. */
  dataDir: string;
  /** A key derived from SECRETS_KEY for this service and purpose (HMACs). */
  secretKey(purpose: string): Promise<Buffer>;
  /** AES-256-GCM for secrets at rest (sessions, API keys, bot tokens), keyed per service and purpose. */
  secretBox(purpose: string): Promise<SecretBox>;
  /** Starts worker instances on this machine (in-process or child processes), when the runner offers it. */
  workers: WorkerRuntime | undefined;
  /** Ends this instance once its job is done (a worker): stopped gracefully, then exits with `code`. */
  requestExit(code?: number): void;
}

export type ServiceConfig<S extends z.ZodRawShape> = BaseConfig & z.output<z.ZodObject<S>>;

export interface ServiceDefinition<S extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  system?: SystemName;
  title: string;
  description?: string;
  /** Gateway path segment(s) when they differ from the name (the mailer answers at `/api/mail`). */
  route?: string;
  env?: z.ZodObject<S>;
  /** Absolute path of the folder with `NNNN_name.sql` migrations. */
  migrations?: string;
  /** Migrations shipped by platform packages (a session lease table), applied before the service's own. */
  extraMigrations?: Migration[];
  /** A database without migrations of its own (only the platform's outbox and inbox). */
  database?: boolean;
  bodyLimitBytes?: number;
  setup(ctx: ServiceContext<ServiceConfig<S>>): Promise<ServiceParts> | ServiceParts;
}

/** Declares a service; the object is what the registry lists and the runners start. */
export function defineService<S extends z.ZodRawShape>(
  definition: ServiceDefinition<S>,
): ServiceDefinition<S> {
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(definition.name))
    throw new Error(`invalid service name ${definition.name}`);
  return definition;
}

/** `/api/<system>/<name>` for system services, `/api/<route or name>` for platform ones. */
export function publicPathOf(def: Pick<ServiceDefinition, 'name' | 'system' | 'route'>): string {
  const segment = def.route ?? def.name;
  return def.system ? `/api/${def.system}/${segment}` : `/api/${segment}`;
}

/** The database schema a service owns: `cinema_films`, `identity`. */
export function schemaOf(def: Pick<ServiceDefinition, 'name' | 'system'>): string {
  return (def.system ? `${def.system}_${def.name}` : def.name).replace(/-/g, '_');
}

/** Environment variable that carries a service's base URL: `SERVICE_URL_CINEMA_FILMS`. */
export function urlVariableOf(def: Pick<ServiceDefinition, 'name' | 'system'>): string {
  return `SERVICE_URL_${schemaOf(def).toUpperCase()}`;
}

/** A definition whatever its own environment shape (what registries and runners hold). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the env shape varies per service
export type AnyServiceDefinition = ServiceDefinition<any>;

/** Whether the service gets a database (its own migrations, platform ones, or asked for). */
export function hasDatabase(
  def: Pick<ServiceDefinition, 'migrations' | 'database' | 'extraMigrations'>,
): boolean {
  return Boolean(def.migrations || def.database || def.extraMigrations?.length);
}
