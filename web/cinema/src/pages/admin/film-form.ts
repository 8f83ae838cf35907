import type { FilmDetails, FilmInput } from '../../api/types';

/** The editor's fields as the inputs hold them (text), before they become API values. */
export interface FilmForm {
  title: string;
  originalTitle: string;
  titleRu: string;
  slug: string;
  tagline: string;
  overview: string;
  overviewRu: string;
  releaseDate: string;
  runtime: string;
  budget: string;
  popularity: string;
  adult: boolean;
  genres: string[];
  countries: string;
  languages: string;
  companies: string;
  imdbId: string;
  trailerYoutubeId: string;
}

export const emptyForm: FilmForm = {
  title: '',
  originalTitle: '',
  titleRu: '',
  slug: '',
  tagline: '',
  overview: '',
  overviewRu: '',
  releaseDate: '',
  runtime: '',
  budget: '',
  popularity: '',
  adult: false,
  genres: [],
  countries: '',
  languages: '',
  companies: '',
  imdbId: '',
  trailerYoutubeId: '',
};

export function formOf(film: FilmDetails): FilmForm {
  return {
    title: film.title,
    originalTitle: film.originalTitle,
    titleRu: film.titleRu ?? '',
    slug: film.slug,
    tagline: film.tagline ?? '',
    overview: film.overview,
    overviewRu: film.overviewRu ?? '',
    releaseDate: film.releaseDate ?? '',
    runtime: film.runtime?.toString() ?? '',
    budget: film.budget?.toString() ?? '',
    popularity: String(film.popularity),
    adult: film.adult,
    genres: [...film.genres],
    countries: film.countries.join(', '),
    languages: film.languages.join(', '),
    companies: film.companies.join('\n'),
    imdbId: film.imdbId ?? '',
    trailerYoutubeId: film.trailer?.youtubeId ?? '',
  };
}

const list = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
const nullableText = (text: string) => (text.trim() ? text.trim() : null);
const nullableInt = (text: string) => (text.trim() ? Number(text.trim()) : null);

/** Every field as the API takes it: empty nullable fields become null (cleared). */
export function toInput(form: FilmForm): Required<FilmInput> {
  return {
    title: form.title.trim(),
    originalTitle: form.originalTitle.trim(),
    titleRu: nullableText(form.titleRu),
    slug: form.slug.trim(),
    tagline: nullableText(form.tagline),
    overview: form.overview.trim(),
    overviewRu: nullableText(form.overviewRu),
    releaseDate: nullableText(form.releaseDate),
    runtime: nullableInt(form.runtime),
    budget: nullableInt(form.budget),
    popularity: form.popularity.trim() ? Number(form.popularity) : 0,
    adult: form.adult,
    genres: form.genres,
    countries: list(form.countries, /[,\s]+/).map((c) => c.toUpperCase()),
    languages: list(form.languages, /[,\s]+/).map((c) => c.toLowerCase()),
    companies: list(form.companies, /\n/),
    imdbId: nullableText(form.imdbId),
    trailerYoutubeId: nullableText(form.trailerYoutubeId),
  };
}

/** For a new film: only what was filled in (the server makes the slug and original title). */
export function createInput(form: FilmForm): FilmInput {
  const all = toInput(form);
  const out: FilmInput = {};
  for (const [key, value] of Object.entries(all) as [keyof FilmInput, unknown][]) {
    const empty =
      value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
    if (!empty) (out as Record<string, unknown>)[key] = value;
  }
  if (!form.popularity.trim()) delete out.popularity;
  return out;
}

/** For an edit: only the fields that differ from the film as loaded; a cleared field is sent as null. */
export function changedInput(original: FilmForm, form: FilmForm): FilmInput {
  const before = toInput(original);
  const after = toInput(form);
  const out: FilmInput = {};
  for (const key of Object.keys(after) as (keyof FilmInput)[]) {
    if (key === 'slug' && !after.slug) continue; // an empty slug keeps the current one
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      (out as Record<string, unknown>)[key] = after[key];
  }
  return out;
}
