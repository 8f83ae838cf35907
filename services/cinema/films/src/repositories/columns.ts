import { sql } from '@switchyard/store';

/** A raw SQL fragment (Kysely's RawBuilder, which the store does not re-export). */
export type RawSql<T = unknown> = ReturnType<typeof sql<T>>;

const LIST = `f.id, f.slug, f.title, f.original_title, f.title_ru, f.tagline,
  to_char(f.release_date, 'YYYY-MM-DD') AS release_date, f.runtime, f.genres, f.countries, f.adult,
  f.popularity, f.poster_key, f.rating_avg, f.rating_count`;

/** The columns of a list item, for a query that names the films table `f`. */
export const LIST_COLUMNS = sql.raw(LIST);

/** Everything the details page shows. */
export const DETAIL_COLUMNS = sql.raw(`${LIST}, f.overview, f.overview_ru, f.languages, f.companies,
  f.budget, f.imdb_id, f.trailer_youtube_id, f.created_at, f.updated_at`);
