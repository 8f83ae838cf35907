import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Infra } from '@switchyard/kit';
import { fixtureCatalogue } from '../fixtures';
import { admin, alice, bob, startFilms, type ApiResponse, type FilmsHarness } from '../support';
import type { SuiteTarget } from './target';

const visibleCount = fixtureCatalogue.filter((f) => !f.adult).length;

/** Lists every page of a listing and returns the ids in order. */
async function walk(h: FilmsHarness, query: string, limit = 7): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: ApiResponse = await h.api(
      'GET',
      `/?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((i: { id: number }) => i.id));
    cursor = res.body.nextCursor;
    if (++pages > 50) throw new Error('pagination does not end');
  } while (cursor);
  return ids;
}

export function catalogueSuite(target: SuiteTarget): void {
  describe(`catalogue, filters and pagination (${target.name})`, () => {
    let infra: Infra;
    let h: FilmsHarness;
    const id: Record<string, number> = {};

    beforeAll(async () => {
      infra = target.infra();
      h = await startFilms({ infra });
      for (const slug of [
        'the-godfather-1972',
        'moon-2009',
        'gravity-2013',
        'amelie-2001',
        'untitled-project',
      ])
        id[slug] = await h.idOf(slug);
      const rate = (film: string, as: typeof alice, value: number) =>
        h.api('PUT', `/${id[film]}/rating`, { as, body: { value } });
      await rate('the-godfather-1972', alice, 5);
      await rate('moon-2009', alice, 5);
      await rate('moon-2009', bob, 4);
      await rate('gravity-2013', alice, 3);
      await rate('amelie-2001', bob, 2.5);
    });
    afterAll(async () => {
      await h?.stop();
      await infra?.close();
    });

    it('lists the most popular films first and hides adult films unless asked', async () => {
      const res = await h.api('GET', '/');
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(visibleCount);
      expect(res.body.items[0].slug).toBe('the-godfather-1972');
      expect(res.body.items.some((f: { adult: boolean }) => f.adult)).toBe(false);
      const withAdult = await h.api('GET', '/?adult=include&limit=100');
      expect(withAdult.body.total).toBe(fixtureCatalogue.length);
      expect(withAdult.body.items[0].slug).toBe('night-visitors-1999');
      const onlyAdult = await h.api('GET', '/?adult=only');
      expect(onlyAdult.body.items.map((f: { slug: string }) => f.slug)).toEqual(['night-visitors-1999']);
    });

    it('answers list items with the fields the web app shows', async () => {
      const res = await h.api('GET', '/?limit=1');
      expect(res.body.items[0]).toEqual({
        id: id['the-godfather-1972'],
        slug: 'the-godfather-1972',
        title: 'The Godfather',
        originalTitle: 'The Godfather',
        titleRu: 'Крёстный отец',
        tagline: "An offer you can't refuse.",
        releaseDate: '1972-03-14',
        year: 1972,
        runtime: 175,
        genres: ['Drama', 'Crime'],
        countries: ['US'],
        adult: false,
        popularity: 95,
        posterUrl: expect.stringMatching(
          new RegExp(`^/api/cinema/films/${id['the-godfather-1972']}/poster\\.svg\\?v=`),
        ),
        posterGenerated: true,
        rating: { average: 5, count: 1 },
      });
    });

    it('filters by genre and country independently of their positions in the lists', async () => {
      // Drama is Cinema Paradiso's first genre and France its second country.
      const dramaFr = await h.api('GET', '/?genre=Drama&country=FR');
      expect(dramaFr.body.items.map((f: { slug: string }) => f.slug)).toEqual(['cinema-paradiso-1988']);
      const romanceIt = await h.api('GET', '/?genre=Romance&country=it');
      expect(romanceIt.body.items.map((f: { slug: string }) => f.slug)).toEqual(['cinema-paradiso-1988']);
      // Every listed genre must match; any listed country may.
      const both = await h.api('GET', '/?genre=Science Fiction,Thriller');
      expect(both.body.items.map((f: { slug: string }) => f.slug)).toEqual(['gravity-2013']);
      const repeated = await h.api('GET', '/?genre=Science Fiction&genre=Drama');
      expect(repeated.body.items.map((f: { slug: string }) => f.slug)).toEqual(['moon-2009']);
      const countries = await h.api('GET', '/?country=GB,DE&limit=100');
      expect(countries.body.items.map((f: { slug: string }) => f.slug).sort()).toEqual([
        'amelie-2001',
        'gravity-2013',
        'moon-2009',
      ]);
      const sweden = await h.api('GET', '/?country=SE&limit=100');
      expect(sweden.body.total).toBe(8);
      expect(sweden.body.items.every((f: { countries: string[] }) => f.countries.includes('SE'))).toBe(true);
    });

    it('filters by year range, leaving out films without a date', async () => {
      const res = await h.api('GET', '/?yearFrom=2001&yearTo=2013&limit=100');
      const years = res.body.items.map((f: { year: number }) => f.year);
      expect(years.length).toBeGreaterThan(0);
      expect(years.every((y: number) => y >= 2001 && y <= 2013)).toBe(true);
      expect(res.body.items.map((f: { slug: string }) => f.slug)).toEqual(
        expect.arrayContaining(['amelie-2001', 'moon-2009', 'gravity-2013']),
      );
      const single = await h.api('GET', '/?yearFrom=2009&yearTo=2009');
      expect(single.body.items.map((f: { slug: string }) => f.slug)).toContain('moon-2009');
      expect((await h.api('GET', '/?yearFrom=2010&yearTo=2000')).status).toBe(400);
    });

    it('filters by minimum average rating and sorts by rating', async () => {
      const res = await h.api('GET', '/?minRating=4');
      expect(res.body.items.map((f: { slug: string }) => f.slug)).toEqual([
        'the-godfather-1972',
        'moon-2009',
      ]);
      expect(res.body.items[1].rating).toEqual({ average: 4.5, count: 2 });
      const byRating = await h.api('GET', '/?sort=rating&limit=4');
      expect(byRating.body.items.map((f: { slug: string }) => f.slug)).toEqual([
        'the-godfather-1972',
        'moon-2009',
        'gravity-2013',
        'amelie-2001',
      ]);
    });

    it('pages through every ordering without repeating or skipping a film', async () => {
      for (const sort of ['popularity', 'rating', 'year', 'title']) {
        for (const order of ['asc', 'desc']) {
          const query = `sort=${sort}&order=${order}`;
          const paged = await walk(h, query);
          const whole = await h.api('GET', `/?${query}&limit=100`);
          expect(paged, query).toEqual(whole.body.items.map((f: { id: number }) => f.id));
          expect(new Set(paged).size, query).toBe(visibleCount);
        }
      }
      const filtered = await walk(h, 'genre=Comedy&sort=popularity', 3);
      expect(filtered).toHaveLength(12);
    });

    it('orders ties by id and keeps the sort key order', async () => {
      const res = await h.api('GET', '/?sort=popularity&order=desc&limit=100');
      const items: { id: number; popularity: number }[] = res.body.items;
      for (let i = 1; i < items.length; i++) {
        const [a, b] = [items[i - 1]!, items[i]!];
        expect(a.popularity > b.popularity || (a.popularity === b.popularity && a.id > b.id)).toBe(true);
      }
      const byTitle = await h.api('GET', '/?sort=title&limit=4');
      expect(byTitle.body.items.map((f: { title: string }) => f.title)).toEqual([
        '100% Wolf',
        'Amélie',
        'Cinema Paradiso',
        'Filler 01',
      ]);
      const byYear = await h.api('GET', '/?sort=year&order=asc&limit=2');
      // A film without a date sorts before the oldest one, and still shows no date.
      expect(byYear.body.items[0]).toMatchObject({ slug: 'untitled-project', releaseDate: null, year: null });
      expect(byYear.body.items[1].year).toBe(1950);
    });

    it('refuses bad paging input with a problem, never a 500', async () => {
      const first = await h.api('GET', '/?sort=title&limit=2');
      const wrongSort = await h.api('GET', `/?sort=year&cursor=${first.body.nextCursor}`);
      expect(wrongSort.status).toBe(400);
      expect(wrongSort.body.detail).toMatch(/another ordering/);
      expect((await h.api('GET', '/?cursor=garbage')).status).toBe(400);
      expect((await h.api('GET', '/?limit=101')).status).toBe(400);
      expect((await h.api('GET', '/?limit=0')).status).toBe(400);
      expect((await h.api('GET', '/?genre=Cowboys')).status).toBe(400);
      expect((await h.api('GET', '/?country=FRA')).status).toBe(400);
      expect((await h.api('GET', '/?sort=random')).status).toBe(400);
      const problem = await h.api('GET', '/?minRating=9');
      expect(problem.headers.get('content-type')).toContain('application/problem+json');
      expect(problem.body.errors[0].path).toBe('query.minRating');
    });

    it('lists the genres and countries present, with counts and names', async () => {
      const res = await h.api('GET', '/filters');
      expect(res.status).toBe(200);
      expect(res.body.genres).toContainEqual({ name: 'Documentary', nameRu: 'Документальный', count: 1 });
      expect(res.body.genres).toContainEqual({ name: 'Science Fiction', nameRu: 'Фантастика', count: 2 });
      expect(res.body.genres.map((g: { name: string }) => g.name)).not.toContain('Horror');
      expect(res.body.countries[0]).toMatchObject({ code: 'US', name: 'United States' });
      expect(res.body.countries).toContainEqual({ code: 'FR', name: 'France', nameRu: 'Франция', count: 2 });
      expect(res.body.years).toEqual({ min: 1950, max: 2020 });
      const drama = (await h.api('GET', '/filters?adult=include')).body.genres.find(
        (g: { name: string }) => g.name === 'Drama',
      );
      const dramaNoAdult = res.body.genres.find((g: { name: string }) => g.name === 'Drama');
      expect(drama.count).toBe(dramaNoAdult.count + 1);
    });

    it('shows a film by id or slug, with a null date when it has none', async () => {
      const byId = await h.api('GET', `/${id['moon-2009']}`);
      const bySlug = await h.api('GET', '/moon-2009');
      expect(byId.body).toEqual(bySlug.body);
      expect(byId.body).toMatchObject({
        title: 'Moon',
        overview: expect.stringContaining('helium'),
        overviewRu: expect.stringContaining('гелия'),
        languages: ['en'],
        imdbUrl: 'https://www.imdb.com/title/tt1182345/',
        trailer: null,
        commentsCount: 0,
        me: null,
        rating: { average: 4.5, count: 2 },
      });
      const undated = await h.api('GET', '/untitled-project');
      expect(undated.body.releaseDate).toBeNull();
      expect(undated.body.year).toBeNull();
      expect(JSON.stringify(undated.body)).not.toMatch(/"None"/);
      const godfather = await h.api('GET', '/the-godfather-1972');
      expect(godfather.body.trailer).toEqual({
        youtubeId: 'sY1S34973zA',
        embedUrl: 'https://www.youtube-nocookie.com/embed/sY1S34973zA',
        watchUrl: 'https://www.youtube.com/watch?v=sY1S34973zA',
      });
      expect((await h.api('GET', '/999999')).status).toBe(404);
      expect((await h.api('GET', '/no-such-film')).status).toBe(404);
      expect((await h.api('GET', '/Not%20A%20Slug')).status).toBe(400);
    });

    it('documents every operation in its OpenAPI document', async () => {
      const doc = (await h.api('GET', '/openapi.json')).body;
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.servers[0].url).toBe('/api/cinema/films');
      for (const path of [
        '/',
        '/filters',
        '/search',
        '/smart-search',
        '/{ref}',
        '/{id}/comments',
        '/users/{userId}',
      ])
        expect(doc.paths, path).toHaveProperty([path]);
      expect(Object.keys(doc.components.schemas)).toEqual(
        expect.arrayContaining([
          'FilmPage',
          'FilmDetails',
          'CommentsPage',
          'FilterValues',
          'SmartSearchResult',
        ]),
      );
      expect(doc.paths['/{id}/poster'].put.requestBody.content).toHaveProperty(['multipart/form-data']);
    });

    it('seeds the catalogue once: a restart adds nothing and brings no deleted film back', async () => {
      const before = (await h.api('GET', '/?adult=include')).body.total;
      expect((await h.api('DELETE', `/${id['untitled-project']}`, { as: admin })).status).toBe(204);
      await h.stop();
      h = await startFilms({ infra });
      const after = await h.api('GET', '/?adult=include');
      expect(after.body.total).toBe(before - 1);
      expect((await h.api('GET', '/untitled-project')).status).toBe(404);
      expect((await h.api('GET', '/moon-2009')).body.rating).toEqual({ average: 4.5, count: 2 });
    });
  });
}
