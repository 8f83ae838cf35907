import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { assertSchemaName, type Database, type ScriptRunner } from './database';

const INT8 = 20;
const NUMERIC = 1700;

/** int8 as number (ids and counts stay well below 2^53), numeric as string (exact money). */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === NUMERIC) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  url: string;
  schema: string;
  /** Pool size per service instance. */
  max?: number;
  applicationName?: string;
}

/** Opens a pool whose sessions see only the service's schema (and public, for extensions). */
export async function openPostgres<DB>(options: PostgresOptions): Promise<Database<DB>> {
  assertSchemaName(options.schema);
  const setup = new pg.Client({ connectionString: options.url });
  await setup.connect();
  try {
    await setup.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    await setup.query('CREATE EXTENSION IF NOT EXISTS pg_trgm').catch(() => undefined);
  } finally {
    await setup.end();
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    options: `-c search_path="${options.schema}",public`,
    application_name: options.applicationName ?? options.schema,
    types: typeParsers,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return new PostgresDatabase<DB>(pool, options.schema);
}

class PostgresDatabase<DB> implements Database<DB> {
  readonly kind = 'postgres' as const;
  readonly db: Kysely<DB>;

  constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
  ) {
    this.db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }

  async exclusive<T>(fn: (runner: ScriptRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${this.schema}`]);
      try {
        return await fn({
          run: async (sql) => void (await client.query(sql)),
          query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
        });
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${this.schema}`]);
      }
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.db.destroy();
    // Kysely only ends the pool if it ever ran a query; migrations use the pool directly.
    if (!this.pool.ended) await this.pool.end();
  }
}

/** Creates the database named in `url` when it does not exist yet (a first distributed start). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(name))
    throw new Error(`unexpected database name in DATABASE_URL: ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount)
      await client.query(`CREATE DATABASE "${name}"`).catch((err: { code?: string }) => {
        // Another instance created it meanwhile.
        if (err.code !== '42P04') throw err;
      });
  } finally {
    await client.end();
  }
}

/** Drops a database (tests that made their own). */
export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
