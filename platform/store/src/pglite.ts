import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { PGlite, types, type Results } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { assertSchemaName, type Database, type ScriptRunner } from './database';
import { Mutex } from './mutex';

/** Same value types as the Postgres adapter: int8 as number, numeric as string. */
const LOCK_TIMEOUT_MS = 15_000;
// The package does not export its package.json; read it next to the resolved entry point.
const PGLITE_VERSION = (
  JSON.parse(
    readFileSync(
      join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..', 'package.json'),
      'utf8',
    ),
  ) as { version: string }
).version;

const parsers = {
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => v,
};

/**
 * One PGlite instance shared by every service of the embedded process. PGlite is a single
 * session, so a lock serialises access: a query or a whole transaction holds it, and the
 * holder's schema is selected before its statements run. Two services' transactions can
 * therefore never interleave.
 */
export class PgliteHost {
  private readonly lock = new Mutex();
  private searchPath: string | null = null;

  private constructor(readonly pg: PGlite) {}

  /**
   * Opens (or creates) the database in `dataDir`; in memory when omitted. A new database
   * starts from a cached template (initdb once per machine: ~1 s instead of ~4 s).
   */
  static async open(dataDir?: string): Promise<PgliteHost> {
    const fresh = !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));
    const template = fresh ? await pgliteTemplate() : undefined;
    const pg = await PGlite.create(dataDir, {
      extensions: { pg_trgm },
      parsers,
      ...(template ? { loadDataDir: template } : {}),
    });
    await pg.exec('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    return new PgliteHost(pg);
  }

  /**
   * Takes the lock and selects `schema`. A wait this long means a deadlock (typically a
   * query made through the outer db while its own transaction holds the lock), so it fails.
   */
  async acquire(schema: string): Promise<() => void> {
    let release: () => void;
    try {
      release = await this.lock.lock(LOCK_TIMEOUT_MS);
    } catch {
      throw new Error(
        `embedded database busy for ${LOCK_TIMEOUT_MS / 1000} s (schema ${schema}); ` +
          'a transaction may be waiting on a query made outside it: use its trx, not the outer db',
      );
    }
    try {
      if (this.searchPath !== schema) {
        await this.pg.exec(`SET search_path TO "${schema}", public`);
        this.searchPath = schema;
      }
    } catch (err) {
      release();
      throw err;
    }
    return release;
  }

  /** A service's database confined to its schema. */
  async database<DB>(schema: string): Promise<Database<DB>> {
    assertSchemaName(schema);
    await this.pg.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    return new PgliteDatabase<DB>(this, schema);
  }

  async close(): Promise<void> {
    const release = await this.lock.lock();
    try {
      await this.pg.close();
    } finally {
      release();
    }
  }
}

const TEMPLATE_DIR = resolve('node_modules', '.cache', 'switchyard');

/** A gzipped freshly initialised data directory, made once and kept in node_modules/.cache. */
async function pgliteTemplate(): Promise<Blob | undefined> {
  const file = join(TEMPLATE_DIR, `pglite-${PGLITE_VERSION}-template.tar.gz`);
  try {
    return new Blob([new Uint8Array(await readFile(file))]);
  } catch {
    // Not there yet: make it below.
  }
  try {
    const pg = await PGlite.create({ extensions: { pg_trgm } });
    const dump = await pg.dumpDataDir('gzip');
    await pg.close();
    await mkdir(TEMPLATE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, new Uint8Array(await dump.arrayBuffer()));
    await rename(tmp, file);
    return dump;
  } catch {
    // A read-only tree just means every database is created the slow way.
    return undefined;
  }
}

class PgliteDatabase<DB> implements Database<DB> {
  readonly kind = 'pglite' as const;
  readonly db: Kysely<DB>;

  constructor(
    private readonly host: PgliteHost,
    readonly schema: string,
  ) {
    this.db = new Kysely<DB>({ dialect: new PgliteDialect(host, schema) });
  }

  async exclusive<T>(fn: (runner: ScriptRunner) => Promise<T>): Promise<T> {
    const release = await this.host.acquire(this.schema);
    const pg = this.host.pg;
    try {
      return await fn({
        run: async (sql) => void (await pg.exec(sql)),
        query: async <T>(sql: string, params?: unknown[]) => (await pg.query<T>(sql, params)).rows,
      });
    } finally {
      release();
    }
  }

  async ping(): Promise<void> {
    await this.exclusive((r) => r.query('SELECT 1'));
  }

  async close(): Promise<void> {
    // The host owns the instance; closing one service's view only stops its Kysely.
    await this.db.destroy();
  }
}

class PgliteDialect implements Dialect {
  constructor(
    private readonly host: PgliteHost,
    private readonly schema: string,
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.host, this.schema);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PgliteConnection implements DatabaseConnection {
  constructor(
    private readonly host: PgliteHost,
    readonly release: () => void,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result: Results<R> = await this.host.pg.query<R>(compiled.sql, [...compiled.parameters]);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined && !/^\s*(select|with\s[\s\S]*select)/i.test(compiled.sql)
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on the embedded database');
  }
}

class PgliteDriver implements Driver {
  constructor(
    private readonly host: PgliteHost,
    private readonly schema: string,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new PgliteConnection(this.host, await this.host.acquire(this.schema));
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PgliteConnection).release();
  }

  async destroy(): Promise<void> {}
}
