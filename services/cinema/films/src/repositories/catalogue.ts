import { sql } from '@switchyard/store';
import type { Db } from '../db';
import type { FilmDetailRow, FilmRow } from '../domain/film-view';
import { DETAIL_COLUMNS, LIST_COLUMNS, type RawSql } from './columns';

export type AdultFilter = 'exclude' | 'include' | 'only';
export type SortKey = 'title' | 'year' | 'rating' | 'popularity';
export type SortOrder = 'asc' | 'desc';

export interface CatalogueFilters {
  /** Films having every one of these genres. */
  genres: string[];
  /** Films made in at least one of these countries. */
  countries: string[];
  yearFrom?: number;
  yearTo?: number;
  minRating?: number;
  adult: AdultFilter;
}

export interface ListRequest extends CatalogueFilters {
  sort: SortKey;
  order: SortOrder;
  limit: number;
  after?: { value: string | number | null; id: number };
}

/** Each sort key: the ordering expression and the cast its cursor value comes back with. */
const SORTS: Record<SortKey, { expr: RawSql<unknown>; value: RawSql<unknown>; cast: string }> = {
  title: { expr: sql`lower(f.title) COLLATE "C"`, value: sql`lower(f.title)`, cast: 'text' },
  // Films without a date sort before the oldest (after the newest when descending).
  year: {
    expr: sql`coalesce(f.release_date, DATE '0001-01-01')`,
    value: sql`to_char(coalesce(f.release_date, DATE '0001-01-01'), 'YYYY-MM-DD')`,
    cast: 'date',
  },
  rating: { expr: sql`f.rating_avg`, value: sql`f.rating_avg`, cast: 'float8' },
  popularity: { expr: sql`f.popularity`, value: sql`f.popularity`, cast: 'float8' },
};

/** The WHERE condition for the filters; each array filter tests its own array. */
export function filterCondition(f: CatalogueFilters): RawSql<boolean> {
  const parts: RawSql<unknown>[] = [];
  if (f.adult === 'exclude') parts.push(sql`NOT f.adult`);
  else if (f.adult === 'only') parts.push(sql`f.adult`);
  if (f.genres.length) parts.push(sql`f.genres @> ARRAY[${sql.join(f.genres)}]::text[]`);
  if (f.countries.length) parts.push(sql`f.countries && ARRAY[${sql.join(f.countries)}]::text[]`);
  if (f.yearFrom !== undefined) parts.push(sql`f.release_date >= make_date(${f.yearFrom}::int, 1, 1)`);
  if (f.yearTo !== undefined) parts.push(sql`f.release_date < make_date(${f.yearTo + 1}::int, 1, 1)`);
  if (f.minRating !== undefined)
    parts.push(sql`f.rating_count > 0 AND f.rating_avg >= ${f.minRating}::float8`);
  return parts.length ? sql<boolean>`${sql.join(parts, sql` AND `)}` : sql<boolean>`TRUE`;
}

export type ListedFilm = FilmRow & { sort_value: string | number };

/** One page in a stable order: the sort key, then id, so no film repeats or goes missing. */
export async function listFilms(db: Db, req: ListRequest): Promise<{ rows: ListedFilm[]; more: boolean }> {
  const sort = SORTS[req.sort];
  const dir = req.order === 'asc' ? sql.raw('ASC') : sql.raw('DESC');
  const cmp = req.order === 'asc' ? sql.raw('>') : sql.raw('<');
  const after = req.after
    ? sql`AND (${sort.expr}, f.id) ${cmp} (CAST(${req.after.value} AS ${sql.raw(sort.cast)}), CAST(${req.after.id} AS bigint))`
    : sql``;
  const { rows } = await sql<ListedFilm>`
    SELECT ${LIST_COLUMNS}, ${sort.value} AS sort_value
    FROM films f
    WHERE ${filterCondition(req)} ${after}
    ORDER BY ${sort.expr} ${dir}, f.id ${dir}
    LIMIT ${req.limit + 1}`.execute(db);
  return { rows: rows.slice(0, req.limit), more: rows.length > req.limit };
}

export async function countFilms(db: Db, filters: CatalogueFilters): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM films f WHERE ${filterCondition(filters)}`.execute(db);
  return rows[0]?.n ?? 0;
}

export interface FilterValueRows {
  genres: { name: string; count: number }[];
  countries: { code: string; count: number }[];
  years: { min: number | null; max: number | null };
}

/** Genres and countries present in the catalogue, with how many films have each. */
export async function filterValues(db: Db, adult: AdultFilter): Promise<FilterValueRows> {
  const where = filterCondition({ genres: [], countries: [], adult });
  const genres = await sql<{ name: string; count: number }>`
    SELECT g AS name, count(*)::int AS count FROM films f CROSS JOIN LATERAL unnest(f.genres) AS g
    WHERE ${where} GROUP BY g ORDER BY g`.execute(db);
  const countries = await sql<{ code: string; count: number }>`
    SELECT c AS code, count(*)::int AS count FROM films f CROSS JOIN LATERAL unnest(f.countries) AS c
    WHERE ${where} GROUP BY c ORDER BY count(*) DESC, c`.execute(db);
  const years = await sql<{ min: number | null; max: number | null }>`
    SELECT min(extract(year FROM f.release_date))::int AS min, max(extract(year FROM f.release_date))::int AS max
    FROM films f WHERE ${where}`.execute(db);
  return { genres: genres.rows, countries: countries.rows, years: years.rows[0] ?? { min: null, max: null } };
}

export type FilmRef = { id: number } | { slug: string };

export async function findFilm(db: Db, ref: FilmRef): Promise<FilmDetailRow | undefined> {
  const where = 'id' in ref ? sql`f.id = ${ref.id}` : sql`f.slug = ${ref.slug}`;
  const { rows } = await sql<FilmDetailRow>`SELECT ${DETAIL_COLUMNS} FROM films f WHERE ${where}`.execute(db);
  return rows[0];
}

export async function filmExists(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('films').select('id').where('id', '=', id).executeTakeFirst();
  return !!row;
}

/** Holds the film against deletion until the transaction ends; false when there is no such film. */
export async function holdFilm(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('films').select('id').where('id', '=', id).forKeyShare().executeTakeFirst();
  return !!row;
}

export async function countComments(db: Db, filmId: number): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('film_id', '=', filmId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.n ?? 0;
}

/** Films by id in the order given (search results, lists of ids). */
export async function filmsByIds(db: Db, ids: number[]): Promise<Map<number, FilmRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<FilmRow>`
    SELECT ${LIST_COLUMNS} FROM films f WHERE f.id IN (${sql.join(ids)})`.execute(db);
  return new Map(rows.map((r) => [Number(r.id), r]));
}
