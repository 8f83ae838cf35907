import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Infra } from '@switchyard/kit';
import { waitFor } from '@switchyard/testing';
import { startFakeEmbeddings, type FakeEmbeddings } from '../fake-embeddings';
import { fixtureCatalogue } from '../fixtures';
import { admin, startFilms, type FilmsHarness } from '../support';
import type { SuiteTarget } from './target';

const slugs = (body: { items: { film: { slug: string } }[] }) => body.items.map((i) => i.film.slug);
const q = (text: string) => encodeURIComponent(text);

export function searchSuite(target: SuiteTarget): void {
  describe(`search (${target.name})`, () => {
    let infra: Infra;
    let h: FilmsHarness;

    beforeAll(async () => {
      infra = target.infra();
      h = await startFilms({ infra });
    });
    afterAll(async () => {
      await h?.stop();
      await infra?.close();
    });

    const search = async (text: string, extra = '') => {
      const res = await h.api('GET', `/search?q=${q(text)}${extra}`);
      expect(res.status, text).toBe(200);
      return res.body;
    };

    it('finds films by English, original and Russian titles, best match first', async () => {
      expect(slugs(await search('godfather'))[0]).toBe('the-godfather-1972');
      expect(slugs(await search('Fabuleux destin'))[0]).toBe('amelie-2001');
      expect(slugs(await search('Крёстный отец'))[0]).toBe('the-godfather-1972');
      // ё and е are the same letter to the search.
      expect(slugs(await search('крестный'))[0]).toBe('the-godfather-1972');
      expect(slugs(await search('Гравитация'))[0]).toBe('gravity-2013');
    });

    it('finds films by their descriptions, with English and Russian word forms', async () => {
      expect(slugs(await search('mining helium'))[0]).toBe('moon-2009');
      expect(slugs(await search('гелий'))).toEqual(['moon-2009']);
      // "астронавты" (plural) meets "астронавт"/"астронавтов" through the Russian stemmer.
      expect(slugs(await search('астронавты')).sort()).toEqual(['gravity-2013', 'moon-2009']);
      expect(slugs(await search('waitresses'))).toEqual(['amelie-2001']);
    });

    it('tolerates typos in titles', async () => {
      expect(slugs(await search('Godfahter'))[0]).toBe('the-godfather-1972');
      expect(slugs(await search('Gravty'))[0]).toBe('gravity-2013');
      expect(slugs(await search('Гравитацыя'))[0]).toBe('gravity-2013');
      expect(slugs(await search('paradisso'))[0]).toBe('cinema-paradiso-1988');
    });

    it('matches title prefixes as people type', async () => {
      expect(slugs(await search('cinema para'))[0]).toBe('cinema-paradiso-1988');
      expect(slugs(await search('Ame'))[0]).toBe('amelie-2001');
    });

    it('treats wildcards and SQL in the query as plain text', async () => {
      expect((await search('%')).items).toEqual([]);
      expect((await search('_')).items).toEqual([]);
      expect((await search('%%%')).items).toEqual([]);
      expect(slugs(await search('100%'))[0]).toBe('100-wolf-2020');
      const injection = await search("'); DROP TABLE films; --");
      expect(injection.query).toBe("'); DROP TABLE films; --");
      expect((await search('godfather & | ! :* (')).items.length).toBeGreaterThan(0);
      expect((await h.api('GET', '/?limit=1')).body.total).toBe(fixtureCatalogue.length - 1);
    });

    it('keeps adult films out unless asked, and pages by offset', async () => {
      expect((await search('night visitors')).items).toEqual([]);
      expect(slugs(await search('night visitors', '&adult=include'))[0]).toBe('night-visitors-1999');
      const first = await search('filler', '&limit=5');
      expect(first.items).toHaveLength(5);
      expect(first.nextOffset).toBe(5);
      const rest = await search('filler', `&limit=50&offset=${first.nextOffset}`);
      expect(rest.nextOffset).toBeNull();
      const all = [...slugs(first), ...slugs(rest)];
      expect(new Set(all).size).toBe(22);
      expect(first.items[0].score).toBeGreaterThanOrEqual(first.items[4].score);
    });

    it('refuses empty and overlong queries', async () => {
      expect((await h.api('GET', '/search?q=')).status).toBe(400);
      expect((await h.api('GET', `/search?q=${q('   ')}`)).status).toBe(400);
      expect((await h.api('GET', '/search')).status).toBe(400);
      expect((await h.api('GET', `/search?q=${'a'.repeat(301)}`)).status).toBe(400);
      expect((await h.api('GET', '/search?q=x&limit=51')).status).toBe(400);
    });

    it('answers smart search with full-text ranking when no embeddings are configured', async () => {
      const res = await h.api('GET', `/smart-search?q=${q('space film about a lonely astronaut')}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ mode: 'fulltext', fallbackReason: 'not_configured' });
      expect(slugs(res.body).slice(0, 2).sort()).toEqual(['gravity-2013', 'moon-2009']);
      const metrics = await (await fetch(h.url('/metrics'))).text();
      expect(metrics).toMatch(/cinema_films_searches_total\{[^}]*kind="smart",mode="fulltext"[^}]*\} 1/);
    });

    describe('by meaning, with an embeddings endpoint', () => {
      let fake: FakeEmbeddings;
      let smart: FilmsHarness;

      beforeAll(async () => {
        fake = await startFakeEmbeddings();
        // A second instance on the same database, configured for embeddings.
        smart = await startFilms({
          infra,
          env: {
            EMBEDDINGS_BASE_URL: fake.baseUrl,
            EMBEDDINGS_MODEL: 'fake-bag-of-words',
            EMBEDDINGS_API_KEY: 'test-embeddings-key',
            EMBEDDINGS_BATCH_SIZE: '8',
          },
        });
        const total = (await smart.api('GET', '/?adult=include')).body.total;
        await waitFor(
          async () =>
            (await (await fetch(smart.url('/metrics'))).text()).includes(
              `cinema_films_embedded_films{service="films",system="cinema"} ${total}`,
            ),
          { timeoutMs: 30_000, message: 'every film embedded' },
        );
      });
      afterAll(async () => {
        await smart?.stop();
        await fake?.close();
      });

      it('ranks films by similarity to the query and says so', async () => {
        const res = await smart.api(
          'GET',
          `/smart-search?q=${q('a lonely astronaut mining helium on the moon')}`,
        );
        expect(res.status).toBe(200);
        expect(res.body.mode).toBe('semantic');
        expect(res.body.fallbackReason).toBeNull();
        expect(res.body.items[0].film.slug).toBe('moon-2009');
        expect(res.body.items[0].score).toBeGreaterThan(res.body.items[1].score);
        expect(res.body.items.some((i: { film: { adult: boolean } }) => i.film.adult)).toBe(false);
        expect(fake.requests.every((r) => r.model === 'fake-bag-of-words')).toBe(true);
        expect(fake.requests.every((r) => r.authorization === 'Bearer test-embeddings-key')).toBe(true);
        expect(Math.max(...fake.requests.map((r) => r.inputs))).toBeLessThanOrEqual(8);
      });

      it('re-embeds a film whose text changed', async () => {
        const filler = await smart.idOf('filler-05');
        const patch = await smart.api('PATCH', `/${filler}`, {
          as: admin,
          body: { overview: 'A lighthouse keeper guards a remote island through a long winter storm.' },
        });
        expect(patch.status).toBe(200);
        await waitFor(
          async () => {
            const res = await smart.api('GET', `/smart-search?q=${q('lighthouse keeper on an island')}`);
            return res.body.mode === 'semantic' && res.body.items[0].film.slug === 'filler-05';
          },
          { timeoutMs: 20_000, message: 'the changed film re-embedded' },
        );
      });

      it('falls back to full text, and says why, when the endpoint fails', async () => {
        fake.failWith(503);
        const res = await smart.api('GET', `/smart-search?q=${q('an astronaut alone in space')}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ mode: 'fulltext', fallbackReason: 'unavailable' });
        expect(slugs(res.body)).toContain('moon-2009');
        fake.failWith(200);
      });
    });
  });
}
