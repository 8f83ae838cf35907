import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Bus, busMigrations, OutboxRelay, unitOfWork, type BusTables } from '@switchyard/bus';
import { ServiceClients } from '@switchyard/http';
import { JwksVerifier, type TokenVerifier } from '@switchyard/auth';
import { loadSqlMigrations, migrate, type Database, type Kysely } from '@switchyard/store';
import { CacheBanList } from './bans';
import { loadConfig, type BaseConfig } from './config';
import { platformFetch, registerLoopback } from './loopback';
import { requestScope } from './context';
import { createServiceApp } from './http/app';
import { authentication, internalCalls, INTERNAL_TOKEN_HEADER } from './http/auth';
import { mountDocs } from './http/docs';
import { mountPlatformRoutes } from './http/platform-routes';
import type { Infra } from './infra';
import { serviceLogger } from './logger';
import { ServiceMetrics } from './metrics';
import {
  publicPathOf,
  schemaOf,
  type ServiceConfig,
  type ServiceContext,
  type AnyServiceDefinition,
  type ServiceDefinition,
  hasDatabase,
  type ServiceParts,
} from './service';
import { deriveKey, SecretBox } from './secrets/secret-box';
import { loadSecretsKey } from './secrets/secrets-key';
import { setupTracing } from './tracing';
import type { WorkerRuntime } from './workers';

export interface StartOptions {
  infra: Infra;
  /** Environment the configuration is read from (process.env plus runner overrides). */
  env: Record<string, string | undefined>;
  /** True when the service owns its process (adds process metrics). */
  ownsProcess?: boolean;
  /** How this machine starts worker instances (offered by the runners). */
  workers?: WorkerRuntime;
  /** Called when the service asks to end (a worker whose job is done); the runner stops it. */
  onExitRequest?: (code: number) => void;
  /** Answer calls from services of the same process in-process (embedded mode). */
  loopback?: boolean;
}

export interface RunningService {
  name: string;
  system: string | undefined;
  publicPath: string;
  url: string;
  port: number;
  banner: string[];
  isReady(): boolean;
  checkReady(): Promise<{ ok: boolean; checks: Record<string, string> }>;
  stop(): Promise<void>;
  /** Ends the service at once without draining anything, as a crash would (tests, inline workers). */
  kill(): void;
}

/**
 * Starts one service: validated config, database and migrations, bus with outbox relay,
 * HTTP app with the platform routes, subscriptions and background tasks.
 */
export async function startService(
  def: AnyServiceDefinition,
  options: StartOptions,
): Promise<RunningService> {
  const config = loadConfig(def.name, def.env, options.env) as ServiceConfig<Record<string, never>>;
  setupTracing({
    serviceName: options.ownsProcess ? def.name : 'switchyard',
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const log = serviceLogger(def.name, def.system, config.LOG_LEVEL);
  const metrics = new ServiceMetrics(def.name, def.system, options.ownsProcess ?? false);
  const publicPath = publicPathOf(def);
  const dataDir = resolve(config.DATA_DIR, schemaOf(def));
  await mkdir(dataDir, { recursive: true });

  let database: Database<unknown> | undefined;
  if (hasDatabase(def)) {
    database = await options.infra.database(schemaOf(def));
    if (config.MIGRATE_ON_START) {
      const applied = await migrateService(def, database);
      if (applied.length > 0) log.info({ applied }, 'migrations applied');
    }
  }
  const db = database?.db as Kysely<BusTables> | undefined;
  const transport = await options.infra.transport(def.name);
  const relay = db ? new OutboxRelay({ db, transport, logger: log, metrics }) : undefined;
  const bus = new Bus({ transport, service: def.name, logger: log, metrics, db, relay });
  const cache = options.infra.cache().scoped(def.name);
  let master: Promise<Buffer> | undefined;
  const masterKey = () =>
    (master ??= loadSecretsKey({
      configured: config.SECRETS_KEY,
      production: config.NODE_ENV === 'production',
      dataDir,
      log,
    }));
  const clients = new ServiceClients(
    (target) => options.env[`SERVICE_URL_${target.replace(/[/-]/g, '_').toUpperCase()}`],
    {
      contextHeaders: (): Record<string, string> => {
        const scope = requestScope.getStore();
        const headers: Record<string, string> = scope
          ? { 'x-request-id': scope.requestId, 'x-correlation-id': scope.correlationId }
          : {};
        // Who is calling, for the callee's logs and audit (not a credential).
        headers['x-calling-service'] = def.name;
        if (config.INTERNAL_API_TOKEN) headers[INTERNAL_TOKEN_HEADER] = config.INTERNAL_API_TOKEN;
        return headers;
      },
      fetch: platformFetch,
    },
  );

  const ctx: ServiceContext<typeof config> = {
    name: def.name,
    system: def.system,
    publicPath,
    config,
    log,
    metrics,
    database,
    db: <DB>() => {
      if (!database) throw new Error(`${def.name} has no database: declare migrations or database: true`);
      return database.db as Kysely<DB>;
    },
    transaction: (fn) => {
      if (!database) throw new Error(`${def.name} has no database`);
      return unitOfWork(database.db as unknown as Kysely<never>, bus, fn as never);
    },
    bus,
    cache,
    clients,
    dataDir,
    secretKey: async (purpose) => deriveKey(await masterKey(), def.name, purpose),
    secretBox: async (purpose) => new SecretBox(deriveKey(await masterKey(), def.name, purpose)),
    workers: options.workers,
    requestExit: (code = 0) => {
      if (options.onExitRequest) options.onExitRequest(code);
      else log.warn({ code }, 'exit requested, but nothing runs this service as a worker');
    },
  };

  let parts: ServiceParts;
  try {
    parts = await def.setup(ctx);
  } catch (err) {
    // A setup that refuses to start (a cross-check of its configuration) must not leak connections.
    await transport.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
    throw err;
  }
  let ready = false;

  const checkReady = async () => {
    const checks: Record<string, string> = {};
    const run = async (name: string, fn: () => Promise<unknown> | unknown) => {
      try {
        await withTimeout(Promise.resolve(fn()), 2000);
        checks[name] = 'ok';
      } catch (err) {
        checks[name] = (err as Error).message.slice(0, 200);
      }
    };
    await Promise.all([
      database ? run('database', () => database!.ping()) : undefined,
      run('broker', () => {
        if (!transport.isConnected()) throw new Error('not connected');
      }),
      run('cache', () => cache.ping()),
      parts.readiness ? run('service', parts.readiness) : undefined,
    ]);
    if (!ready) checks.lifecycle = 'starting or stopping';
    return { ok: ready && Object.values(checks).every((v) => v === 'ok'), checks };
  };

  const app = createServiceApp({
    service: def.name,
    system: def.system,
    log,
    metrics,
    bodyLimitBytes: def.bodyLimitBytes,
    redactPath: parts.redactPath,
  });
  const verifier = parts.verifier ?? tokenVerifier(config, options.env);
  app.use('*', internalCalls(config.INTERNAL_API_TOKEN));
  const bans = parts.bans ?? (verifier ? new CacheBanList(cache) : undefined);
  app.use('*', authentication(verifier, bans));
  for (const m of parts.middleware ?? []) app.use('*', m);
  mountPlatformRoutes(app, { def, publicPath, config, metrics, bus, transport, checkReady });
  mountDocs(app, def.title);
  for (const route of parts.routes ?? []) app.openapi(route.config, route.handler);
  parts.mount?.(app);

  for (const sub of parts.subscriptions ?? []) await bus.subscribe(sub);
  if (bans instanceof CacheBanList) await bus.subscribe(bans.subscription());
  relay?.start();

  const tasks = new AbortController();
  const running = (parts.tasks ?? []).map((task) =>
    task.run(tasks.signal).catch((err) => {
      if (!tasks.signal.aborted) log.error({ err, task: task.name }, 'background task failed');
    }),
  );

  const server = await listen(app.fetch, config.PORT, config.HOST);
  const port = (server.address() as AddressInfo).port;
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${port}`;
  const unregister = options.loopback ? registerLoopback(url, app.fetch) : () => undefined;
  ready = true;
  log.info({ url, publicPath }, 'service ready');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      ready = false;
      tasks.abort();
      unregister();
      await closeServer(server, config.SHUTDOWN_TIMEOUT_MS / 2);
      await bus.stopConsuming();
      await Promise.allSettled(running);
      await parts.stop?.().catch((err) => log.warn({ err }, 'service stop hook failed'));
      if (relay) {
        await withTimeout(relay.flush(), 1000).catch(() => undefined);
        await relay.stop();
      }
      await transport.close().catch(() => undefined);
      await database?.close().catch(() => undefined);
      log.info({}, 'service stopped');
    })());

  const kill = () => {
    ready = false;
    stopping ??= Promise.resolve();
    unregister();
    tasks.abort();
    server.closeAllConnections();
    server.close();
    void relay?.stop();
    transport.destroy();
    void database?.close().catch(() => undefined);
    log.warn({}, 'service killed');
  };

  return {
    name: def.name,
    system: def.system,
    publicPath,
    url,
    port,
    banner: parts.banner?.() ?? [],
    isReady: () => ready,
    checkReady,
    stop,
    kill,
  };
}

/** Offline token verification against the identity service's published keys, when known. */
function tokenVerifier(
  config: BaseConfig,
  env: Record<string, string | undefined>,
): TokenVerifier | undefined {
  const identity = env.SERVICE_URL_IDENTITY;
  const jwks =
    config.AUTH_JWKS_URL ?? (identity ? `${identity.replace(/\/$/, '')}/.well-known/jwks.json` : undefined);
  if (!jwks) return undefined;
  return new JwksVerifier({ jwks, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE });
}

/** Applies the platform's tables, then the service's own migrations; returns what was applied. */
export async function migrateService(
  def: Pick<ServiceDefinition, 'migrations' | 'extraMigrations'>,
  database: Database<unknown>,
): Promise<string[]> {
  const own = def.migrations ? await loadSqlMigrations(def.migrations) : [];
  const platform = [...busMigrations, ...(def.extraMigrations ?? [])].map((m) => ({
    ...m,
    name: `platform_${m.name}`,
  }));
  return migrate(database, [...platform, ...own]);
}

function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
): Promise<Server> {
  return new Promise((resolveListen, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolveListen(server as Server)) as Server;
    server.once('error', reject);
    server.keepAliveTimeout = 65_000;
  });
}

/** Stops accepting connections, lets requests in flight finish, then drops what is left. */
async function closeServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((r) => server.close(() => r()));
  // Keep-alive connections become idle as their last response ends; close them as they do.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearInterval(sweep);
  clearTimeout(timer);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        res(v);
      },
      (e) => {
        clearTimeout(t);
        rej(e);
      },
    );
  });
}
