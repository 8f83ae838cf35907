import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFilms, type FilmsHarness } from './support';

describe('the bundled catalogue', () => {
  let h: FilmsHarness;
  beforeAll(async () => {
    h = await startFilms({ catalogue: 'bundled' });
  });
  afterAll(async () => h?.stop());

  it('loads a few hundred real films with their facts', async () => {
    const res = await h.api('GET', '/?adult=include&limit=1');
    expect(res.body.total).toBeGreaterThanOrEqual(300);
    const filters = await h.api('GET', '/filters');
    expect(filters.body.genres.length).toBeGreaterThanOrEqual(15);
    expect(filters.body.countries.length).toBeGreaterThanOrEqual(10);
    const kane = await h.api('GET', '/citizen-kane-1941');
    expect(kane.body).toMatchObject({ title: 'Citizen Kane', titleRu: 'Гражданин Кейн', year: 1941 });
  });

  it('searches the real catalogue in both languages', async () => {
    const ru = await h.api('GET', `/search?q=${encodeURIComponent('гражданин кейн')}`);
    expect(ru.body.items[0].film.slug).toBe('citizen-kane-1941');
    const typo = await h.api('GET', '/search?q=citzen%20kane');
    expect(typo.body.items[0].film.slug).toBe('citizen-kane-1941');
  });
});
