import { sql } from '@switchyard/store';
import type { Db } from '../db';

/** Makes sure the user has a row (comments, ratings and lists refer to it). */
export async function touchUser(db: Db, userId: string): Promise<void> {
  await db
    .insertInto('film_users')
    .values({ user_id: userId, display_name: null })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

/** A name from identity's registration; a name the user chose here wins over it. */
export async function rememberRegisteredName(db: Db, userId: string, name: string | null): Promise<void> {
  await db
    .insertInto('film_users')
    .values({ user_id: userId, display_name: name })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({
        display_name: sql<string | null>`coalesce(film_users.display_name, excluded.display_name)`,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

export interface FilmUser {
  user_id: string;
  display_name: string | null;
  is_public: boolean;
}

export async function findUser(db: Db, userId: string): Promise<FilmUser | undefined> {
  return db
    .selectFrom('film_users')
    .select(['user_id', 'display_name', 'is_public'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function updateProfile(
  db: Db,
  userId: string,
  changes: { isPublic?: boolean; displayName?: string | null },
): Promise<FilmUser> {
  await touchUser(db, userId);
  const set: { is_public?: boolean; display_name?: string | null } = {};
  if (changes.isPublic !== undefined) set.is_public = changes.isPublic;
  if (changes.displayName !== undefined) set.display_name = changes.displayName;
  return db
    .updateTable('film_users')
    .set({ ...set, updated_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .returning(['user_id', 'display_name', 'is_public'])
    .executeTakeFirstOrThrow();
}

export async function userCounts(db: Db, userId: string): Promise<{ favourites: number; ratings: number }> {
  const { rows } = await sql<{ favourites: number; ratings: number }>`
    SELECT (SELECT count(*)::int FROM favourites WHERE user_id = ${userId}) AS favourites,
           (SELECT count(*)::int FROM ratings WHERE user_id = ${userId}) AS ratings`.execute(db);
  return rows[0] ?? { favourites: 0, ratings: 0 };
}
