import { join } from 'node:path';
import { MemoryBroker, RabbitTransport, type Transport } from '@switchyard/bus';
import { MemoryCache, RedisCache, type Cache } from '@switchyard/cache';
import { openPostgres, PgliteHost, type Database } from '@switchyard/store';

/** The infrastructure a service runs on; which adapters sit behind it is configuration. */
export interface Infra {
  database(schema: string): Promise<Database<unknown>>;
  transport(service: string): Promise<Transport>;
  /** The root cache; services get a view scoped to their name. */
  cache(): Cache;
  close(): Promise<void>;
}

/**
 * Embedded mode: one PGlite instance (a schema per service), one in-process broker, one
 * in-memory cache, shared by every service of the process.
 */
export class EmbeddedInfra implements Infra {
  private host: Promise<PgliteHost> | undefined;
  readonly broker = new MemoryBroker();
  private readonly memoryCache = new MemoryCache();

  /** `dataDir` undefined keeps the database in memory (tests). */
  constructor(private readonly dataDir: string | undefined) {}

  pglite(): Promise<PgliteHost> {
    return (this.host ??= PgliteHost.open(this.dataDir ? join(this.dataDir, 'pglite') : undefined));
  }

  async database(schema: string): Promise<Database<unknown>> {
    return (await this.pglite()).database(schema);
  }

  async transport(): Promise<Transport> {
    return this.broker.connect();
  }

  cache(): Cache {
    return this.memoryCache;
  }

  async close(): Promise<void> {
    this.broker.close();
    await this.memoryCache.close();
    if (this.host) await (await this.host).close();
  }
}

export interface ExternalUrls {
  DATABASE_URL?: string;
  RABBITMQ_URL?: string;
  REDIS_URL?: string;
  DATA_DIR: string;
}

/**
 * One service process: Postgres, RabbitMQ and Redis when their URLs are set; a private
 * PGlite, in-process broker or memory cache for any that is not.
 */
export class ProcessInfra implements Infra {
  private readonly embedded: EmbeddedInfra;
  private readonly opened: { close(): Promise<void> }[] = [];
  private redis: RedisCache | undefined;

  constructor(
    private readonly urls: ExternalUrls,
    private readonly onError: (what: string, err: unknown) => void,
  ) {
    this.embedded = new EmbeddedInfra(urls.DATA_DIR);
  }

  async database(schema: string): Promise<Database<unknown>> {
    if (!this.urls.DATABASE_URL) return this.embedded.database(schema);
    const db = await openPostgres({ url: this.urls.DATABASE_URL, schema });
    this.opened.push(db);
    return db;
  }

  async transport(service: string): Promise<Transport> {
    if (!this.urls.RABBITMQ_URL) return this.embedded.transport();
    const t = new RabbitTransport({
      url: this.urls.RABBITMQ_URL,
      connectionName: service,
      onError: (err) => this.onError('rabbitmq', err),
    });
    await t.connect(15_000);
    return t;
  }

  cache(): Cache {
    if (!this.urls.REDIS_URL) return this.embedded.cache();
    return (this.redis ??= RedisCache.connect(this.urls.REDIS_URL, (err) => this.onError('redis', err)));
  }

  async close(): Promise<void> {
    for (const o of this.opened) await o.close().catch(() => undefined);
    await this.redis?.close();
    await this.embedded.close();
  }
}
