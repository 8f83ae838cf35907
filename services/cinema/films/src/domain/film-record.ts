import { z } from 'zod';
import { FILM_GENRES } from './genres';
import { isCountryCode } from './countries';
import { SLUG_PATTERN } from './slug';

/** 'YYYY-MM-DD' that is a real calendar date. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

export const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')
  .refine(isCountryCode, 'unknown country code');
export const languageCode = z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 code');
export const imdbId = z.string().regex(/^tt\d{7,10}$/, 'expected an IMDb id like tt0068646');
export const youtubeId = z.string().regex(/^[A-Za-z0-9_-]{11}$/, 'expected an 11-character YouTube video id');
/** Single-segment paths of the API that a slug must not shadow (`GET /{ref}`). */
const RESERVED_SLUGS = new Set(['filters', 'search', 'smart-search', 'me', 'users', 'posters']);

export const slug = z
  .string()
  .min(1)
  .max(120)
  .regex(SLUG_PATTERN, 'lowercase letters, digits and dashes')
  .refine((s) => !RESERVED_SLUGS.has(s), 'this slug is reserved');

/** One record of the bundled catalogue (`data/films.json`). */
export const SeedFilm = z.object({
  slug,
  title: z.string().min(1).max(255),
  original_title: z.string().min(1).max(255),
  title_ru: z.string().max(255).nullable().optional(),
  tagline: z.string().max(500).nullable().optional(),
  overview: z.string().max(5000).default(''),
  overview_ru: z.string().max(5000).nullable().optional(),
  release_date: isoDate.nullable().optional(),
  runtime: z.number().int().positive().max(2000).nullable().optional(),
  genres: z.array(z.enum(FILM_GENRES)).max(10).default([]),
  countries: z.array(countryCode).max(20).default([]),
  languages: z.array(languageCode).max(20).default([]),
  companies: z.array(z.string().min(1).max(200)).max(30).default([]),
  budget: z.number().int().nonnegative().nullable().optional(),
  adult: z.boolean().default(false),
  popularity: z.number().min(0).max(100).default(0),
  imdb_id: imdbId.nullable().optional(),
  trailer_youtube_id: youtubeId.nullable().optional(),
});
export type SeedFilm = z.output<typeof SeedFilm>;

/** The row a seed record becomes. */
export function seedRow(film: SeedFilm) {
  return {
    slug: film.slug,
    title: film.title,
    original_title: film.original_title,
    title_ru: film.title_ru ?? null,
    tagline: film.tagline ?? null,
    overview: film.overview,
    overview_ru: film.overview_ru ?? null,
    release_date: film.release_date ?? null,
    runtime: film.runtime ?? null,
    genres: [...new Set(film.genres)],
    countries: [...new Set(film.countries)],
    languages: [...new Set(film.languages)],
    companies: film.companies,
    budget: film.budget ?? null,
    adult: film.adult,
    popularity: film.popularity,
    imdb_id: film.imdb_id ?? null,
    trailer_youtube_id: film.trailer_youtube_id ?? null,
  };
}

export interface ParsedCatalogue {
  films: SeedFilm[];
  rejected: { index: number; slug: string | undefined; problem: string }[];
}

/** Validates every record; bad ones are reported, duplicates of a slug keep the first. */
export function parseCatalogue(data: unknown): ParsedCatalogue {
  if (!Array.isArray(data)) throw new Error('the catalogue file must hold a JSON array of films');
  const films: SeedFilm[] = [];
  const rejected: ParsedCatalogue['rejected'] = [];
  const seen = new Set<string>();
  data.forEach((record, index) => {
    const parsed = SeedFilm.safeParse(record);
    const recordSlug = (record as { slug?: unknown } | null)?.slug;
    const slugText = typeof recordSlug === 'string' ? recordSlug : undefined;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejected.push({ index, slug: slugText, problem: `${issue?.path.join('.')}: ${issue?.message}` });
    } else if (seen.has(parsed.data.slug)) {
      rejected.push({ index, slug: slugText, problem: 'duplicate slug' });
    } else {
      seen.add(parsed.data.slug);
      films.push(parsed.data);
    }
  });
  return { films, rejected };
}
