import { sql } from '@switchyard/store';
import type { Db } from '../db';
import type { FilmRow } from '../domain/film-view';
import { escapeLike } from '../domain/search-query';
import { filterCondition, type AdultFilter } from './catalogue';
import { LIST_COLUMNS, type RawSql } from './columns';

export type ScoredFilm = FilmRow & { score: number };

/** How close the query is to any of the three titles (pg_trgm, so typos still match). */
const fuzzy = (q: string) => sql<number>`greatest(
  similarity(f.title, ${q}), similarity(f.original_title, ${q}), similarity(coalesce(f.title_ru, ''), ${q}),
  word_similarity(${q}, f.title), word_similarity(${q}, f.original_title),
  word_similarity(${q}, coalesce(f.title_ru, '')))`;

const adultOnly = (adult: AdultFilter) => filterCondition({ genres: [], countries: [], adult });

/**
 * Full-text search over titles and descriptions in English and Russian, with typo tolerance
 * on titles. The text goes to websearch_to_tsquery and to pg_trgm as a parameter (both take
 * any input), and to LIKE with its wildcards escaped.
 */
export async function searchFilms(
  db: Db,
  q: { text: string; adult: AdultFilter; limit: number; offset: number },
): Promise<{ rows: ScoredFilm[]; more: boolean }> {
  const prefix = `${escapeLike(q.text.toLowerCase())}%`;
  const useFuzzy = [...q.text].length >= 3;
  const fuzzyScore = useFuzzy ? fuzzy(q.text) : sql<number>`0`;
  const { rows } = await sql<ScoredFilm>`
    WITH query AS (
      SELECT websearch_to_tsquery('english', ${q.text}) || websearch_to_tsquery('russian', ${q.text}) AS tsq
    ), scored AS (
      SELECT ${LIST_COLUMNS},
        ts_rank_cd(f.search, query.tsq, 32) AS text_rank,
        ${fuzzyScore} AS fuzzy,
        (lower(f.title) LIKE ${prefix} ESCAPE '\\' OR lower(f.original_title) LIKE ${prefix} ESCAPE '\\'
          OR lower(coalesce(f.title_ru, '')) LIKE ${prefix} ESCAPE '\\') AS prefix_match,
        f.search @@ query.tsq AS text_match
      FROM films f, query
      WHERE ${adultOnly(q.adult)}
    )
    SELECT *,
      (2 * text_rank + fuzzy + CASE WHEN prefix_match THEN 0.5 ELSE 0 END)::float8 AS score
    FROM scored
    WHERE text_match OR prefix_match OR fuzzy >= 0.45
    ORDER BY score DESC, popularity DESC, id
    LIMIT ${q.limit + 1} OFFSET ${q.offset}`.execute(db);
  return { rows: rows.slice(0, q.limit), more: rows.length > q.limit };
}

/**
 * The smart-search fallback: a natural-language query, so any word may match (a film about
 * "a lonely astronaut" need not mention "film"); more matching words rank higher.
 */
export async function searchAnyWord(
  db: Db,
  q: { text: string; words: string[]; adult: AdultFilter; limit: number },
): Promise<ScoredFilm[]> {
  if (q.words.length === 0) return [];
  const parts: RawSql<unknown>[] = q.words.flatMap((w) => [
    sql`plainto_tsquery('english', ${w})`,
    sql`plainto_tsquery('russian', ${w})`,
  ]);
  const { rows } = await sql<ScoredFilm>`
    WITH query AS (SELECT (${sql.join(parts, sql` || `)}) AS tsq),
    scored AS (
      SELECT ${LIST_COLUMNS},
        ts_rank_cd(f.search, query.tsq, 32) AS text_rank,
        ${fuzzy(q.text)} AS fuzzy,
        f.search @@ query.tsq AS text_match
      FROM films f, query
      WHERE ${adultOnly(q.adult)}
    )
    SELECT *, (2 * text_rank + fuzzy)::float8 AS score
    FROM scored
    WHERE text_match OR fuzzy >= 0.45
    ORDER BY score DESC, popularity DESC, id
    LIMIT ${q.limit}`.execute(db);
  return rows;
}

/** Films ranked by cosine similarity to a unit query vector (stored vectors are unit length). */
export async function searchByVector(
  db: Db,
  q: { vector: string; model: string; adult: AdultFilter; limit: number },
): Promise<ScoredFilm[]> {
  const { rows } = await sql<ScoredFilm>`
    SELECT ${LIST_COLUMNS},
      (SELECT sum(a * b) FROM unnest(e.vector, CAST(${q.vector} AS real[])) AS t(a, b))::float8 AS score
    FROM film_embeddings e JOIN films f ON f.id = e.film_id
    WHERE e.model = ${q.model} AND ${adultOnly(q.adult)}
    ORDER BY score DESC NULLS LAST, f.id
    LIMIT ${q.limit}`.execute(db);
  return rows;
}

export async function embeddedCount(db: Db, model: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM film_embeddings WHERE model = ${model}`.execute(db);
  return rows[0]?.n ?? 0;
}

export interface EmbeddingSource {
  id: number;
  title: string;
  original_title: string;
  title_ru: string | null;
  release_date: string | null;
  tagline: string | null;
  genres: string[];
  overview: string;
  source_hash: string | null;
}

/** Every film with the hash of its stored vector for the model (null when it has none). */
export async function embeddingSources(db: Db, model: string): Promise<EmbeddingSource[]> {
  const { rows } = await sql<EmbeddingSource>`
    SELECT f.id, f.title, f.original_title, f.title_ru, to_char(f.release_date, 'YYYY-MM-DD') AS release_date,
      f.tagline, f.genres, f.overview, e.source_hash
    FROM films f LEFT JOIN film_embeddings e ON e.film_id = f.id AND e.model = ${model}
    ORDER BY f.id`.execute(db);
  return rows;
}

export async function saveEmbedding(
  db: Db,
  e: { filmId: number; model: string; sourceHash: string; vector: string },
): Promise<void> {
  // The film may have been deleted while it was being embedded; then there is nothing to save.
  await sql`
    INSERT INTO film_embeddings (film_id, model, source_hash, vector)
    SELECT f.id, ${e.model}, ${e.sourceHash}, CAST(${e.vector} AS real[]) FROM films f WHERE f.id = ${e.filmId}
    ON CONFLICT (film_id, model) DO UPDATE
      SET source_hash = excluded.source_hash, vector = excluded.vector, updated_at = now()`.execute(db);
}
