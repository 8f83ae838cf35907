import { isUniqueViolation, sql, type Insertable, type Updateable } from '@switchyard/store';
import type { Db, FilmsTable } from '../db';

export type NewFilmRow = Insertable<FilmsTable>;
export type FilmChanges = Updateable<FilmsTable>;

export class SlugTaken extends Error {
  override name = 'SlugTaken';
}

export async function insertFilm(db: Db, row: NewFilmRow): Promise<{ id: number; slug: string }> {
  try {
    const created = await db
      .insertInto('films')
      .values(row)
      .returning(['id', 'slug'])
      .executeTakeFirstOrThrow();
    return { id: Number(created.id), slug: created.slug };
  } catch (err) {
    if (isUniqueViolation(err)) throw new SlugTaken(row.slug);
    throw err;
  }
}

/** A free slug: `base`, else `base-2`, `base-3`... */
export async function freeSlug(db: Db, base: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .selectFrom('films')
        .select('slug')
        .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
        .execute()
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Applies exactly the given changes (a null sets the column to null); false when no such film. */
export async function updateFilm(db: Db, id: number, changes: FilmChanges): Promise<{ slug: string } | null> {
  try {
    const row = await db
      .updateTable('films')
      .set({ ...changes, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returning('slug')
      .executeTakeFirst();
    return row ?? null;
  } catch (err) {
    if (isUniqueViolation(err)) throw new SlugTaken(String(changes.slug));
    throw err;
  }
}

/** Deletes a film (its ratings, comments and lists go with it); returns its slug and poster. */
export async function deleteFilm(
  db: Db,
  id: number,
): Promise<{ slug: string; poster_key: string | null } | null> {
  const row = await db
    .deleteFrom('films')
    .where('id', '=', id)
    .returning(['slug', 'poster_key'])
    .executeTakeFirst();
  return row ?? null;
}

export async function lockFilm(db: Db, id: number): Promise<{ poster_key: string | null } | null> {
  const row = await db
    .selectFrom('films')
    .select('poster_key')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

export async function setPosterKey(db: Db, id: number, key: string | null): Promise<void> {
  await db
    .updateTable('films')
    .set({ poster_key: key, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}
