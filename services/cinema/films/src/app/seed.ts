import { readFile } from 'node:fs/promises';
import type { Logger } from '@switchyard/kit';
import type { Db } from '../db';
import { parseCatalogue, seedRow } from '../domain/film-record';

export interface SeedOutcome {
  inserted: number;
  skipped: number;
  rejected: number;
}

const BATCH = 100;

/**
 * Loads the bundled catalogue: each slug once, ever. A film already present (or deleted by an
 * admin after an earlier seed) is left alone, so restarts and several instances are harmless.
 */
export async function seedCatalogue(db: Db, file: string, log: Logger): Promise<SeedOutcome> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the film catalogue ${file}: ${(err as Error).message}`);
  }
  const { films, rejected } = parseCatalogue(data);
  for (const r of rejected.slice(0, 20)) log.warn(r, 'catalogue record refused');
  return db.transaction().execute(async (trx) => {
    const seeded = new Set(
      (await trx.selectFrom('catalogue_seed').select('slug').execute()).map((r) => r.slug),
    );
    const fresh = films.filter((f) => !seeded.has(f.slug));
    let inserted = 0;
    for (let i = 0; i < fresh.length; i += BATCH) {
      const batch = fresh.slice(i, i + BATCH);
      const rows = await trx
        .insertInto('films')
        .values(batch.map(seedRow))
        .onConflict((oc) => oc.column('slug').doNothing())
        .returning('id')
        .execute();
      inserted += rows.length;
      await trx
        .insertInto('catalogue_seed')
        .values(batch.map((f) => ({ slug: f.slug })))
        .onConflict((oc) => oc.column('slug').doNothing())
        .execute();
    }
    return { inserted, skipped: films.length - inserted, rejected: rejected.length };
  });
}
