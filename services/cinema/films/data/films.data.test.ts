import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';

interface FilmRecord {
  slug: string;
  title: string;
  original_title: string;
  title_ru: string;
  tagline: string | null;
  overview: string;
  overview_ru: string;
  release_date: string;
  runtime: number;
  genres: string[];
  countries: string[];
  languages: string[];
  companies: string[];
  budget: number | null;
  adult: boolean;
  popularity: number;
  imdb_id: string | null;
  trailer_youtube_id: string | null;
}

const GENRES = new Set([
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
]);

const KEYS = [
  'slug',
  'title',
  'original_title',
  'title_ru',
  'tagline',
  'overview',
  'overview_ru',
  'release_date',
  'runtime',
  'genres',
  'countries',
  'languages',
  'companies',
  'budget',
  'adult',
  'popularity',
  'imdb_id',
  'trailer_youtube_id',
].sort();

const EUROPE = new Set([
  'GB',
  'FR',
  'DE',
  'IT',
  'ES',
  'SE',
  'DK',
  'NO',
  'FI',
  'PL',
  'CZ',
  'AT',
  'CH',
  'BE',
  'NL',
  'IE',
]);
const CYRILLIC = /[А-Яа-яЁё]/;

const films = JSON.parse(readFileSync(new URL('./films.json', import.meta.url), 'utf8')) as FilmRecord[];

const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const count = (pred: (f: FilmRecord) => boolean): number => films.filter(pred).length;

describe('films.json catalogue', () => {
  it('is an array of at least 320 films', () => {
    expect(Array.isArray(films)).toBe(true);
    expect(films.length).toBeGreaterThanOrEqual(320);
  });

  it('every record has exactly the expected fields', () => {
    for (const f of films) {
      expect(Object.keys(f).sort(), f.slug).toEqual(KEYS);
    }
  });

  it('slugs are unique, lowercase and url-safe', () => {
    const slugs = films.map((f) => f.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const s of slugs) expect(s).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('titles and overviews are present in both languages', () => {
    for (const f of films) {
      expect(isNonEmptyString(f.title), f.slug).toBe(true);
      expect(isNonEmptyString(f.original_title), f.slug).toBe(true);
      expect(isNonEmptyString(f.title_ru), f.slug).toBe(true);
      expect(isNonEmptyString(f.overview), f.slug).toBe(true);
      expect(isNonEmptyString(f.overview_ru), f.slug).toBe(true);
      expect(f.overview.length, f.slug).toBeGreaterThan(40);
      expect(f.overview_ru, f.slug).toMatch(CYRILLIC);
      expect(f.tagline === null || isNonEmptyString(f.tagline), f.slug).toBe(true);
    }
  });

  it('release dates are valid YYYY-MM-DD calendar dates up to 2023', () => {
    for (const f of films) {
      expect(f.release_date, f.slug).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const d = new Date(`${f.release_date}T00:00:00Z`);
      expect(Number.isNaN(d.getTime()), f.slug).toBe(false);
      expect(d.toISOString().slice(0, 10), f.slug).toBe(f.release_date);
      const year = d.getUTCFullYear();
      expect(year, f.slug).toBeGreaterThanOrEqual(1895);
      expect(year, f.slug).toBeLessThanOrEqual(2023);
      expect(f.slug.endsWith(`-${year}`), f.slug).toBe(true);
    }
  });

  it('runtime is a positive integer in minutes', () => {
    for (const f of films) {
      expect(Number.isInteger(f.runtime), f.slug).toBe(true);
      expect(f.runtime, f.slug).toBeGreaterThanOrEqual(40);
      expect(f.runtime, f.slug).toBeLessThanOrEqual(480);
    }
  });

  it('genres come from the fixed list', () => {
    for (const f of films) {
      expect(f.genres.length, f.slug).toBeGreaterThan(0);
      expect(new Set(f.genres).size, f.slug).toBe(f.genres.length);
      for (const g of f.genres) expect(GENRES.has(g), `${f.slug}: ${g}`).toBe(true);
    }
  });

  it('countries are ISO alpha-2 (SU allowed) and languages ISO 639-1', () => {
    for (const f of films) {
      expect(f.countries.length, f.slug).toBeGreaterThan(0);
      for (const c of f.countries) expect(c, f.slug).toMatch(/^[A-Z]{2}$/);
      expect(f.languages.length, f.slug).toBeGreaterThan(0);
      for (const l of f.languages) expect(l, f.slug).toMatch(/^[a-z]{2}$/);
    }
  });

  it('companies are non-empty strings', () => {
    for (const f of films) {
      expect(f.companies.length, f.slug).toBeGreaterThan(0);
      for (const c of f.companies) expect(isNonEmptyString(c), f.slug).toBe(true);
    }
  });

  it('budget, popularity, adult and ids have the right types', () => {
    for (const f of films) {
      expect(f.budget === null || (Number.isInteger(f.budget) && f.budget > 0), f.slug).toBe(true);
      expect(typeof f.popularity, f.slug).toBe('number');
      expect(f.popularity, f.slug).toBeGreaterThanOrEqual(0);
      expect(f.popularity, f.slug).toBeLessThanOrEqual(100);
      expect(typeof f.adult, f.slug).toBe('boolean');
      expect(f.imdb_id === null || /^tt\d{7,8}$/.test(f.imdb_id), f.slug).toBe(true);
      expect(f.trailer_youtube_id, f.slug).toBeNull();
    }
    const imdb = films.map((f) => f.imdb_id).filter((id): id is string => id !== null);
    expect(new Set(imdb).size).toBe(imdb.length);
  });

  it('flags at most a handful of films as adult', () => {
    expect(count((f) => f.adult)).toBeLessThanOrEqual(3);
  });

  it('is varied: eras, regions, animation and documentaries', () => {
    const sovietOrRussian = count((f) => f.countries.includes('SU') || f.countries.includes('RU'));
    expect(sovietOrRussian).toBeGreaterThanOrEqual(40);
    expect(count((f) => f.countries.includes('JP'))).toBeGreaterThanOrEqual(10);
    expect(count((f) => f.countries.includes('KR'))).toBeGreaterThanOrEqual(5);
    expect(count((f) => ['CN', 'HK', 'TW'].some((c) => f.countries.includes(c)))).toBeGreaterThanOrEqual(5);
    expect(count((f) => f.countries.includes('IN'))).toBeGreaterThanOrEqual(5);
    expect(count((f) => f.countries.some((c) => EUROPE.has(c)))).toBeGreaterThanOrEqual(40);
    expect(count((f) => f.countries.includes('US'))).toBeGreaterThanOrEqual(100);
    expect(count((f) => f.genres.includes('Animation'))).toBeGreaterThanOrEqual(20);
    expect(count((f) => f.genres.includes('Documentary'))).toBeGreaterThanOrEqual(3);
    expect(count((f) => f.release_date < '1970-01-01')).toBeGreaterThanOrEqual(30);
    expect(count((f) => f.release_date >= '2020-01-01')).toBeGreaterThanOrEqual(20);
  });
});
