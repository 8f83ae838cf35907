import { sql } from '@switchyard/store';
import type { Db } from '../db';

export interface RatingTotals {
  average: number;
  count: number;
}

/**
 * Recomputes a film's average and count from its ratings. Call it after locking the film
 * row, so each statement's snapshot already includes every committed rating.
 */
async function recompute(db: Db, filmId: number): Promise<RatingTotals> {
  const row = await db
    .updateTable('films')
    .set({
      rating_count: sql<number>`(SELECT count(*)::int FROM ratings WHERE film_id = ${filmId})`,
      rating_avg: sql<number>`coalesce((SELECT avg(value)::float8 FROM ratings WHERE film_id = ${filmId}), 0)`,
    })
    .where('id', '=', filmId)
    .returning(['rating_avg', 'rating_count'])
    .executeTakeFirstOrThrow();
  return { average: Number(row.rating_avg), count: row.rating_count };
}

/** Sets the user's rating of a film (the film row must be locked by the caller). */
export async function putRating(
  db: Db,
  filmId: number,
  userId: string,
  value: number,
): Promise<RatingTotals> {
  await db
    .insertInto('ratings')
    .values({ film_id: filmId, user_id: userId, value: value.toFixed(1) })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'film_id'])
        .doUpdateSet({ value: value.toFixed(1), updated_at: sql<Date>`now()` }),
    )
    .execute();
  return recompute(db, filmId);
}

/** Removes the user's rating; null when they had none. */
export async function removeRating(db: Db, filmId: number, userId: string): Promise<RatingTotals | null> {
  const removed = await db
    .deleteFrom('ratings')
    .where('film_id', '=', filmId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (Number(removed.numDeletedRows) === 0) return null;
  return recompute(db, filmId);
}

export async function ratingOf(db: Db, filmId: number, userId: string): Promise<number | null> {
  const row = await db
    .selectFrom('ratings')
    .select('value')
    .where('film_id', '=', filmId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? Number(row.value) : null;
}

export async function ratingTotals(db: Db, filmId: number): Promise<RatingTotals | null> {
  const row = await db
    .selectFrom('films')
    .select(['rating_avg', 'rating_count'])
    .where('id', '=', filmId)
    .executeTakeFirst();
  return row ? { average: Number(row.rating_avg), count: row.rating_count } : null;
}
