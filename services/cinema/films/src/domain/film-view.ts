import type { FilmDetails, FilmListItem } from '@switchyard/contracts';
import { presentAverage } from './rating';

/** A film as the list queries read it. */
export interface FilmRow {
  id: number;
  slug: string;
  title: string;
  original_title: string;
  title_ru: string | null;
  tagline: string | null;
  /** Always read as text 'YYYY-MM-DD' (never a Date: no time zone can shift it). */
  release_date: string | null;
  runtime: number | null;
  genres: string[];
  countries: string[];
  adult: boolean;
  popularity: number;
  poster_key: string | null;
  rating_avg: number;
  rating_count: number;
}

export interface FilmDetailRow extends FilmRow {
  overview: string;
  overview_ru: string | null;
  languages: string[];
  companies: string[];
  budget: number | null;
  imdb_id: string | null;
  trailer_youtube_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Where a film's poster is: an uploaded image, or the generated SVG. */
export type PosterLocator = (
  film: Pick<FilmRow, 'id' | 'slug' | 'title' | 'release_date' | 'poster_key'>,
) => {
  url: string;
  generated: boolean;
};

export function yearOf(releaseDate: string | null): number | null {
  if (!releaseDate) return null;
  const year = Number(releaseDate.slice(0, 4));
  return Number.isInteger(year) ? year : null;
}

export function toListItem(row: FilmRow, poster: PosterLocator): FilmListItem {
  const { url, generated } = poster(row);
  return {
    id: Number(row.id),
    slug: row.slug,
    title: row.title,
    originalTitle: row.original_title,
    titleRu: row.title_ru,
    tagline: row.tagline,
    releaseDate: row.release_date ?? null,
    year: yearOf(row.release_date),
    runtime: row.runtime,
    genres: row.genres ?? [],
    countries: row.countries ?? [],
    adult: row.adult,
    popularity: Number(row.popularity),
    posterUrl: url,
    posterGenerated: generated,
    rating: { average: presentAverage(Number(row.rating_avg), row.rating_count), count: row.rating_count },
  };
}

export function toDetails(
  row: FilmDetailRow,
  poster: PosterLocator,
  extra: { commentsCount: number; me: FilmDetails['me'] },
): FilmDetails {
  const trailer = row.trailer_youtube_id;
  return {
    ...toListItem(row, poster),
    overview: row.overview,
    overviewRu: row.overview_ru,
    languages: row.languages ?? [],
    companies: row.companies ?? [],
    budget: row.budget === null ? null : Number(row.budget),
    imdbId: row.imdb_id,
    imdbUrl: row.imdb_id ? `https://www.imdb.com/title/${row.imdb_id}/` : null,
    trailer: trailer
      ? {
          youtubeId: trailer,
          embedUrl: `https://www.youtube-nocookie.com/embed/${trailer}`,
          watchUrl: `https://www.youtube.com/watch?v=${trailer}`,
        }
      : null,
    commentsCount: extra.commentsCount,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    me: extra.me,
  };
}
