import type { Kysely } from 'kysely';

/** Runs SQL scripts while holding the service schema exclusively (used by migrations). */
export interface ScriptRunner {
  run(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** One service's database: typed Kysely over its own schema, on PGlite or Postgres. */
export interface Database<DB = unknown> {
  readonly kind: 'pglite' | 'postgres';
  readonly schema: string;
  readonly db: Kysely<DB>;
  /** Runs `fn` with the schema locked against other migrators (and, on PGlite, everything else). */
  exclusive<T>(fn: (runner: ScriptRunner) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Schema names are identifiers we interpolate into SQL, so they are restricted. */
export function assertSchemaName(schema: string): void {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid schema name "${schema}": use lowercase letters, digits and underscores`);
  }
}

/** Postgres reports a unique-constraint violation with SQLSTATE 23505 (PGlite too). */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}

export function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23503';
}
