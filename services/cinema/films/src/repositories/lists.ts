import { sql } from '@switchyard/store';
import type { Db } from '../db';
import type { FilmRow } from '../domain/film-view';
import { LIST_COLUMNS } from './columns';

export async function addFavourite(db: Db, userId: string, filmId: number): Promise<Date> {
  await db
    .insertInto('favourites')
    .values({ user_id: userId, film_id: filmId })
    .onConflict((oc) => oc.columns(['user_id', 'film_id']).doNothing())
    .execute();
  const row = await db
    .selectFrom('favourites')
    .select('added_at')
    .where('user_id', '=', userId)
    .where('film_id', '=', filmId)
    .executeTakeFirstOrThrow();
  return row.added_at;
}

export async function removeFavourite(db: Db, userId: string, filmId: number): Promise<boolean> {
  const res = await db
    .deleteFrom('favourites')
    .where('user_id', '=', userId)
    .where('film_id', '=', filmId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export interface WatchRow {
  status: string;
  created_at: Date;
  updated_at: Date;
}

/** Sets the status; `updated_at` moves on every change and is set on insert too. */
export async function putWatchStatus(
  db: Db,
  userId: string,
  filmId: number,
  status: string,
): Promise<WatchRow> {
  return db
    .insertInto('watch_statuses')
    .values({ user_id: userId, film_id: filmId, status })
    .onConflict((oc) =>
      oc.columns(['user_id', 'film_id']).doUpdateSet({
        status,
        updated_at: sql<Date>`CASE WHEN watch_statuses.status = excluded.status THEN watch_statuses.updated_at ELSE now() END`,
      }),
    )
    .returning(['status', 'created_at', 'updated_at'])
    .executeTakeFirstOrThrow();
}

export async function removeWatchStatus(db: Db, userId: string, filmId: number): Promise<boolean> {
  const res = await db
    .deleteFrom('watch_statuses')
    .where('user_id', '=', userId)
    .where('film_id', '=', filmId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export interface MyStateRow {
  rating: string | null;
  favourited_at: Date | null;
  status: string | null;
  created_at: Date | null;
  updated_at: Date | null;
}

/** The user's rating, favourite and watch status for one film, in one query. */
export async function myState(db: Db, userId: string, filmId: number): Promise<MyStateRow> {
  const { rows } = await sql<MyStateRow>`
    SELECT (SELECT value FROM ratings WHERE user_id = ${userId} AND film_id = ${filmId}) AS rating,
           (SELECT added_at FROM favourites WHERE user_id = ${userId} AND film_id = ${filmId}) AS favourited_at,
           w.status, w.created_at, w.updated_at
    FROM (SELECT 1) AS one
    LEFT JOIN watch_statuses w ON w.user_id = ${userId} AND w.film_id = ${filmId}`.execute(db);
  return rows[0]!;
}

export type FavouriteRow = FilmRow & { added_at: Date };

/** A user's favourites, newest first; keyset on (added_at, film id). */
export async function favouritesPage(
  db: Db,
  userId: string,
  limit: number,
  after?: { at: string; filmId: number },
): Promise<{ rows: FavouriteRow[]; more: boolean }> {
  const cond = after
    ? sql`AND (fav.added_at, fav.film_id) < (CAST(${after.at} AS timestamptz), CAST(${after.filmId} AS bigint))`
    : sql``;
  const { rows } = await sql<FavouriteRow>`
    SELECT ${LIST_COLUMNS}, fav.added_at
    FROM favourites fav JOIN films f ON f.id = fav.film_id
    WHERE fav.user_id = ${userId} ${cond}
    ORDER BY fav.added_at DESC, fav.film_id DESC
    LIMIT ${limit + 1}`.execute(db);
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

export type WatchlistRow = FilmRow & WatchRow;

/** A user's films with one watch status (or all), most recently changed first. */
export async function watchlistPage(
  db: Db,
  userId: string,
  status: string | undefined,
  limit: number,
  after?: { at: string; filmId: number },
): Promise<{ rows: WatchlistRow[]; more: boolean }> {
  const byStatus = status ? sql`AND w.status = ${status}` : sql``;
  const cond = after
    ? sql`AND (w.updated_at, w.film_id) < (CAST(${after.at} AS timestamptz), CAST(${after.filmId} AS bigint))`
    : sql``;
  const { rows } = await sql<WatchlistRow>`
    SELECT ${LIST_COLUMNS}, w.status, w.created_at, w.updated_at
    FROM watch_statuses w JOIN films f ON f.id = w.film_id
    WHERE w.user_id = ${userId} ${byStatus} ${cond}
    ORDER BY w.updated_at DESC, w.film_id DESC
    LIMIT ${limit + 1}`.execute(db);
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}
