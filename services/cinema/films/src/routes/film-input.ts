import { z } from '@switchyard/kit';
import { FilmGenre } from '@switchyard/contracts';
import type { FilmChanges } from '../repositories/film-writes';
import { countryCode, imdbId, isoDate, languageCode, slug, youtubeId } from '../domain/film-record';

const text = (max: number) => z.string().trim().max(max);

/** Every editable field; null clears the nullable ones. */
const fields = {
  slug,
  title: text(255).min(1),
  originalTitle: text(255).min(1),
  titleRu: text(255).min(1).nullable(),
  tagline: text(500).min(1).nullable(),
  overview: text(5000),
  overviewRu: text(5000).nullable(),
  releaseDate: isoDate.nullable(),
  runtime: z.number().int().positive().max(2000).nullable(),
  genres: z.array(FilmGenre).max(10),
  countries: z.array(countryCode).max(20),
  languages: z.array(languageCode).max(20),
  companies: z.array(text(200).min(1)).max(30),
  budget: z.number().int().nonnegative().max(1e13).nullable(),
  adult: z.boolean(),
  popularity: z.number().min(0).max(100),
  imdbId: imdbId.nullable(),
  trailerYoutubeId: youtubeId.nullable(),
};

const optionalFields = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>;
};

export const CreateFilm = z.strictObject({ ...optionalFields, title: fields.title }).openapi('FilmInput');

export const UpdateFilm = z
  .strictObject(optionalFields)
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change.')
  .openapi('FilmChanges');

type Input = z.output<typeof UpdateFilm>;

const COLUMN: { [K in keyof Input]-?: keyof FilmChanges } = {
  slug: 'slug',
  title: 'title',
  originalTitle: 'original_title',
  titleRu: 'title_ru',
  tagline: 'tagline',
  overview: 'overview',
  overviewRu: 'overview_ru',
  releaseDate: 'release_date',
  runtime: 'runtime',
  genres: 'genres',
  countries: 'countries',
  languages: 'languages',
  companies: 'companies',
  budget: 'budget',
  adult: 'adult',
  popularity: 'popularity',
  imdbId: 'imdb_id',
  trailerYoutubeId: 'trailer_youtube_id',
};

const dedupe = new Set(['genres', 'countries', 'languages']);

/**
 * Exactly the fields that were sent, as columns: a field sent as null becomes NULL (the
 * original's COALESCE could never clear a field), a field left out stays as it is.
 */
export function toColumns(input: Input): FilmChanges {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input) as [keyof Input, unknown][]) {
    if (value === undefined) continue;
    out[COLUMN[key]] = dedupe.has(key) && Array.isArray(value) ? [...new Set(value)] : value;
  }
  return out as FilmChanges;
}
