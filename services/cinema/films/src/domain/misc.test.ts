import { describe, expect, it } from 'vitest';
import { countryName, isCountryCode } from './countries';
import { displayNameOf, fallbackDisplayName } from './display-name';
import { toListItem, yearOf } from './film-view';
import { slugify } from './slug';
import { cosine, embeddingText, normalise, textHash, toRealArrayLiteral } from './vectors';

describe('slugs', () => {
  it('makes readable slugs from any title', () => {
    expect(slugify('The Godfather', 1972)).toBe('the-godfather-1972');
    expect(slugify('Amélie', 2001)).toBe('amelie-2001');
    expect(slugify('Крёстный отец', null)).toBe('krestnyy-otets');
    expect(slugify('!!!', 1999)).toBe('film-1999');
  });
});

describe('countries', () => {
  it('knows ISO codes and names them in English and Russian', () => {
    expect(isCountryCode('FR')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('fr')).toBe(false);
    expect(countryName('DE')).toBe('Germany');
    expect(countryName('DE', 'ru')).toBe('Германия');
  });
});

describe('display names', () => {
  it('falls back to the distinctive tail of a UUIDv7, not its shared timestamp head', () => {
    const a = fallbackDisplayName('018f3a2b-0000-7000-8000-00000000a11c');
    const b = fallbackDisplayName('018f3a2b-0000-7000-8000-000000000b0b');
    expect(a).toBe('User 00a11c');
    expect(a).not.toBe(b);
    expect(displayNameOf('x', '  Ann ')).toBe('Ann');
    expect(displayNameOf('abc', '')).toBe('User abc');
  });
});

describe('film views', () => {
  it('never turns a missing release date into text', () => {
    expect(yearOf(null)).toBeNull();
    expect(yearOf('1972-03-14')).toBe(1972);
    const item = toListItem(
      {
        id: 1,
        slug: 's',
        title: 'T',
        original_title: 'T',
        title_ru: null,
        tagline: null,
        release_date: null,
        runtime: null,
        genres: [],
        countries: [],
        adult: false,
        popularity: 1,
        poster_key: null,
        rating_avg: 0,
        rating_count: 0,
      },
      () => ({ url: '/p.svg', generated: true }),
    );
    expect(item.releaseDate).toBeNull();
    expect(item.year).toBeNull();
    expect(item.rating).toEqual({ average: null, count: 0 });
  });
});

describe('vectors', () => {
  it('normalises to unit length and compares by cosine', () => {
    const v = normalise([3, 4]);
    expect(v).toEqual([0.6, 0.8]);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1);
    expect(normalise([0, 0])).toEqual([0, 0]);
  });

  it('writes vectors as Postgres array literals and refuses non-numbers', () => {
    expect(toRealArrayLiteral([0.5, -1, 2e-7])).toBe('{0.5,-1,2e-7}');
    expect(() => toRealArrayLiteral([Number.NaN])).toThrow();
  });

  it('embeds films from a text that changes when the film does', () => {
    const film = {
      title: 'Moon',
      originalTitle: 'Moon',
      titleRu: 'Луна 2112',
      year: 2009,
      tagline: null,
      genres: ['Drama'],
      overview: 'An astronaut alone.',
    };
    const text = embeddingText(film);
    expect(text).toBe('Moon / Луна 2112 (2009). Genres: Drama. An astronaut alone.');
    expect(textHash(text)).not.toBe(textHash(embeddingText({ ...film, overview: 'Changed.' })));
  });
});
