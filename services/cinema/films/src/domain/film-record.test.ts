import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOGUE } from '../config';
import { parseCatalogue, seedRow } from './film-record';

describe('catalogue records', () => {
  it('accepts every film of the bundled catalogue', () => {
    const { films, rejected } = parseCatalogue(JSON.parse(readFileSync(BUNDLED_CATALOGUE, 'utf8')));
    expect(rejected).toEqual([]);
    expect(films.length).toBeGreaterThanOrEqual(300);
    expect(new Set(films.map((f) => f.slug)).size).toBe(films.length);
  });

  it('reports bad records and duplicate slugs instead of loading them', () => {
    const good = { slug: 'a-2000', title: 'A', original_title: 'A', release_date: '2000-01-01' };
    const { films, rejected } = parseCatalogue([
      good,
      { ...good },
      { ...good, slug: 'b', genres: ['Cowboys'] },
      { ...good, slug: 'c', release_date: '2000-02-30' },
      { ...good, slug: 'd', countries: ['XX'] },
      null,
    ]);
    expect(films.map((f) => f.slug)).toEqual(['a-2000']);
    expect(rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps a null release date null and removes repeated genres', () => {
    const [film] = parseCatalogue([
      { slug: 'x', title: 'X', original_title: 'X', release_date: null, genres: ['Drama', 'Drama'] },
    ]).films;
    expect(seedRow(film!)).toMatchObject({ release_date: null, genres: ['Drama'], tagline: null });
  });

  it('refuses a file that is not a list', () => {
    expect(() => parseCatalogue({ films: [] })).toThrow(/JSON array/);
  });
});
