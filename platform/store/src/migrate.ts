import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './database';

export interface Migration {
  /** Unique within the schema, ordered by name: `0001_create_films`. */
  name: string;
  sql: string;
}

/** Reads `NNNN_name.sql` files from a folder, in name order. */
export async function loadSqlMigrations(dir: string, prefix = ''): Promise<Migration[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return Promise.all(
    files.map(async (f) => ({
      name: prefix + f.replace(/\.sql$/, ''),
      sql: await readFile(join(dir, f), 'utf8'),
    })),
  );
}

/**
 * Applies pending migrations, forward only, each in its own transaction, with the schema
 * locked so that concurrent instances apply each migration once. Returns the names applied.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table set
export async function migrate(database: Database<any>, migrations: Migration[]): Promise<string[]> {
  const names = new Set<string>();
  for (const m of migrations) {
    if (names.has(m.name)) throw new Error(`duplicate migration name ${m.name}`);
    names.add(m.name);
  }
  return database.exclusive(async (runner) => {
    await runner.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await runner.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      try {
        await runner.run(
          `BEGIN;\n${m.sql}\n;\nINSERT INTO schema_migrations (name) VALUES ('${m.name.replace(/'/g, "''")}');\nCOMMIT;`,
        );
      } catch (err) {
        await runner.run('ROLLBACK').catch(() => undefined);
        throw new Error(`migration ${m.name} of schema ${database.schema} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return applied;
  });
}
