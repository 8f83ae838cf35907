import type { FilmGenre, FilmListItem, WatchStatus } from '../api/types';
import type { Lang, Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';

/** Every genre the films API accepts (the contract's list; checked against its type). */
export const GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Family',
  'Fantasy',
  'History',
  'Horror',
  'Music',
  'Mystery',
  'Romance',
  'Science Fiction',
  'Thriller',
  'War',
  'Western',
] as const satisfies readonly FilmGenre[];

export const WATCH_STATUSES = [
  'watching',
  'planned',
  'watched',
  'postponed',
  'abandoned',
] as const satisfies readonly WatchStatus[];

export const genreName = (t: Translate, genre: string) =>
  (GENRES as readonly string[]).includes(genre) ? t(`genre.${genre}` as MessageKey) : genre;

/** The title to show first in the UI language, and the others worth showing under it. */
export function titlesOf(film: Pick<FilmListItem, 'title' | 'originalTitle' | 'titleRu'>, lang: Lang) {
  const main = lang === 'ru' && film.titleRu ? film.titleRu : film.title;
  const others = [film.title, film.originalTitle, film.titleRu].filter(
    (x, i, all): x is string => !!x && x !== main && all.indexOf(x) === i,
  );
  return { main, others };
}

export function formatRuntime(t: Translate, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? t('film.runtimeValue', { h, m }) : t('film.runtimeMinutes', { m });
}

/** 4.25 → "4.3" (one decimal; the API rounds averages to two). */
export const formatAverage = (avg: number, lang: Lang) =>
  avg.toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-US', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
