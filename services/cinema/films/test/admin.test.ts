import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus, on } from '@switchyard/bus';
import { FilmCatalogueChanged } from '@switchyard/contracts';
import type { EmbeddedInfra } from '@switchyard/kit';
import { waitFor } from '@switchyard/testing';
import { startFakeS3, type FakeS3 } from './fake-s3';
import { form, JPEG, PNG, WEBP } from './images';
import { admin, alice, bob, owner, startFilms, type FilmsHarness } from './support';

describe('admin: films and posters', () => {
  let h: FilmsHarness;
  const changes: { change: string; slug: string }[] = [];

  beforeAll(async () => {
    h = await startFilms();
    const listener = new Bus({
      transport: await (h.infra as EmbeddedInfra).transport(),
      service: 'catalogue-listener',
    });
    await listener.subscribe({
      name: 'catalogue',
      transactional: false,
      handlers: [
        on(FilmCatalogueChanged, async (p) => void changes.push({ change: p.change, slug: p.slug })),
      ],
    });
  });
  afterAll(async () => h?.stop());

  const newFilm = {
    title: 'Stalker',
    originalTitle: 'Сталкер',
    titleRu: 'Сталкер',
    tagline: 'A journey into the Zone.',
    overview: 'A guide leads two men through the Zone to a room that grants wishes.',
    overviewRu: 'Проводник ведёт двоих людей через Зону к комнате, исполняющей желания.',
    releaseDate: '1979-05-25',
    runtime: 161,
    genres: ['Science Fiction', 'Drama', 'Drama'],
    countries: ['SU'],
    languages: ['ru'],
    companies: ['Mosfilm'],
    budget: null,
    adult: false,
    popularity: 40,
    imdbId: 'tt0079944',
    trailerYoutubeId: null,
  };

  describe('films', () => {
    it('creates a film with a slug from its title and year', async () => {
      const res = await h.api('POST', '/', { as: admin, body: newFilm });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        slug: 'stalker-1979',
        title: 'Stalker',
        originalTitle: 'Сталкер',
        genres: ['Science Fiction', 'Drama'],
        countries: ['SU'],
        year: 1979,
        posterGenerated: true,
        rating: { average: null, count: 0 },
      });
      expect((await h.api('GET', '/stalker-1979')).status).toBe(200);
      const found = await h.api('GET', `/search?q=${encodeURIComponent('сталкер')}`);
      expect(found.body.items[0].film.slug).toBe('stalker-1979');
      const again = await h.api('POST', '/', {
        as: owner,
        body: { title: 'Stalker', releaseDate: '1979-01-01' },
      });
      expect(again.body.slug).toBe('stalker-1979-2');
      expect(again.body.originalTitle).toBe('Stalker');
      await waitFor(() => changes.filter((c) => c.change === 'created').length === 2, {
        message: 'created events',
      });
    });

    it('validates every field and refuses unknown ones', async () => {
      const bad = async (body: unknown) => (await h.api('POST', '/', { as: admin, body })).body;
      expect((await bad({ ...newFilm, countries: ['XX'] })).errors[0].path).toBe('body.countries.0');
      expect((await bad({ ...newFilm, genres: ['Cowboys'] })).errors[0].path).toBe('body.genres.0');
      expect((await bad({ ...newFilm, releaseDate: '2001-02-30' })).errors[0].path).toBe('body.releaseDate');
      expect((await bad({ ...newFilm, runtime: 0 })).errors[0].path).toBe('body.runtime');
      expect((await bad({ ...newFilm, title: '' })).status).toBe(400);
      expect((await bad({ ...newFilm, title: 'x'.repeat(256) })).status).toBe(400);
      expect((await bad({ ...newFilm, trailerYoutubeId: '<script>' })).status).toBe(400);
      expect((await bad({ ...newFilm, posterUrl: 'http://x' })).status).toBe(400);
      expect((await bad({ ...newFilm, slug: 'search' })).status).toBe(400);
      const taken = await h.api('POST', '/', { as: admin, body: { ...newFilm, slug: 'moon-2009' } });
      expect(taken.status).toBe(409);
    });

    it('updates only the fields sent, and null clears a field', async () => {
      const id = await h.idOf('stalker-1979');
      const res = await h.api('PATCH', `/${id}`, {
        as: admin,
        body: { tagline: null, releaseDate: null, runtime: null, titleRu: 'Сталкер (1979)' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        tagline: null,
        releaseDate: null,
        year: null,
        runtime: null,
        titleRu: 'Сталкер (1979)',
        overview: newFilm.overview,
        popularity: 40,
      });
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.createdAt));
      const slug = await h.api('PATCH', `/${id}`, { as: admin, body: { slug: 'stalker' } });
      expect(slug.body.slug).toBe('stalker');
      expect((await h.api('PATCH', `/${id}`, { as: admin, body: { slug: 'moon-2009' } })).status).toBe(409);
      expect((await h.api('PATCH', `/${id}`, { as: admin, body: {} })).status).toBe(400);
      expect((await h.api('PATCH', `/${id}`, { as: admin, body: { title: null } })).status).toBe(400);
      expect((await h.api('PATCH', '/999999', { as: admin, body: { title: 'x' } })).status).toBe(404);
    });

    it('deletes a film with its ratings, comments and list entries', async () => {
      const id = await h.idOf('stalker-1979-2');
      await h.api('PUT', `/${id}/rating`, { as: alice, body: { value: 4 } });
      await h.api('PUT', `/${id}/favourite`, { as: alice });
      await h.api('POST', `/${id}/comments`, { as: alice, body: { text: 'Slow but great.' } });
      expect((await h.api('DELETE', `/${id}`, { as: admin })).status).toBe(204);
      expect((await h.api('GET', `/${id}`)).status).toBe(404);
      expect((await h.api('GET', `/${id}/comments`)).status).toBe(404);
      expect((await h.api('GET', '/me/favourites', { as: alice })).body.items).toEqual([]);
      expect((await h.api('DELETE', `/${id}`, { as: admin })).status).toBe(404);
      await waitFor(() => changes.some((c) => c.change === 'deleted' && c.slug === 'stalker-1979-2'), {
        message: 'deleted event',
      });
    });

    it('is for admins and owners only', async () => {
      const id = await h.idOf('moon-2009');
      expect((await h.api('POST', '/', { as: alice, body: newFilm })).status).toBe(403);
      expect((await h.api('POST', '/', { body: newFilm })).status).toBe(401);
      expect((await h.api('PATCH', `/${id}`, { as: bob, body: { title: 'Mine' } })).status).toBe(403);
      expect((await h.api('DELETE', `/${id}`, { as: alice })).status).toBe(403);
      expect(
        (await h.api('PUT', `/${id}/poster`, { as: alice, body: form(PNG, 'p.png', 'image/png') })).status,
      ).toBe(403);
      expect((await h.api('DELETE', `/${id}/poster`, { as: alice })).status).toBe(403);
    });
  });

  describe('posters', () => {
    it('generates an SVG poster for a film without one, cached and inert', async () => {
      const film = (await h.api('GET', '/moon-2009')).body;
      expect(film.posterGenerated).toBe(true);
      const res = await fetch(h.url(film.posterUrl.replace('/api/cinema/films', '')));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const svg = await res.text();
      expect(svg).toContain('>Moon</text>');
      expect(svg).toContain('>2009</text>');
      const etag = res.headers.get('etag')!;
      const cached = await fetch(h.url(`/${film.id}/poster.svg`), { headers: { 'if-none-match': etag } });
      expect(cached.status).toBe(304);
      expect((await fetch(h.url('/999999/poster.svg'))).status).toBe(404);
    });

    it('stores an uploaded poster and serves it with long caching', async () => {
      const id = await h.idOf('gravity-2013');
      const up = await h.api('PUT', `/${id}/poster`, {
        as: admin,
        body: form(PNG, 'gravity.png', 'image/png'),
      });
      expect(up.status).toBe(200);
      expect(up.body.posterUrl).toMatch(new RegExp(`^/api/cinema/films/posters/${id}-[0-9a-f]{16}\\.png$`));
      const film = (await h.api('GET', `/${id}`)).body;
      expect(film).toMatchObject({ posterUrl: up.body.posterUrl, posterGenerated: false });
      const res = await fetch(h.url(up.body.posterUrl.replace('/api/cinema/films', '')));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
      const etag = res.headers.get('etag')!;
      const again = await fetch(h.url(up.body.posterUrl.replace('/api/cinema/films', '')), {
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
    });

    it('replaces a poster, removing the old file, and goes back to the generated one on delete', async () => {
      const id = await h.idOf('amelie-2001');
      const first = (
        await h.api('PUT', `/${id}/poster`, { as: admin, body: form(JPEG, 'a.jpg', 'image/jpeg') })
      ).body;
      expect(first.posterUrl).toMatch(/\.jpg$/);
      const second = (
        await h.api('PUT', `/${id}/poster`, { as: admin, body: form(WEBP, 'a.webp', 'image/webp') })
      ).body;
      expect(second.posterUrl).toMatch(/\.webp$/);
      expect((await fetch(h.url(first.posterUrl.replace('/api/cinema/films', '')))).status).toBe(404);
      expect((await h.api('DELETE', `/${id}/poster`, { as: admin })).status).toBe(204);
      expect((await fetch(h.url(second.posterUrl.replace('/api/cinema/films', '')))).status).toBe(404);
      expect((await h.api('GET', `/${id}`)).body.posterGenerated).toBe(true);
    });

    it('checks the bytes, not the file name, and the size', async () => {
      const id = await h.idOf('moon-2009');
      const upload = (body: FormData) => h.api('PUT', `/${id}/poster`, { as: admin, body });
      const text = new TextEncoder().encode('definitely not an image');
      const fake = await upload(form(text, 'poster.png', 'image/png'));
      expect(fake.status).toBe(400);
      expect(fake.body.detail).toMatch(/not a PNG, JPEG or WebP/);
      const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
      expect((await upload(form(gif, 'poster.gif', 'image/gif'))).status).toBe(400);
      const svg = new TextEncoder().encode(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      );
      expect((await upload(form(svg, 'poster.png', 'image/png'))).status).toBe(400);
      expect((await upload(form(new Uint8Array(), 'empty.png', 'image/png'))).status).toBe(400);
      expect((await upload(form(PNG, 'p.png', 'image/png', 'image'))).status).toBe(400);
      const big = new Uint8Array(10 * 1024 * 1024 + 10);
      big.set(PNG);
      expect((await upload(form(big, 'big.png', 'image/png'))).status).toBe(413);
      expect(
        (await h.api('PUT', '/999999/poster', { as: admin, body: form(PNG, 'p.png', 'image/png') })).status,
      ).toBe(404);
      expect((await h.api('GET', '/moon-2009')).body.posterGenerated).toBe(true);
    });

    it('serves only poster file names it made', async () => {
      expect((await fetch(h.url('/posters/..%2F..%2Fetc%2Fpasswd'))).status).toBe(400);
      expect((await fetch(h.url('/posters/1-0123456789abcdef.png'))).status).toBe(404);
    });
  });

  describe('posters in an S3-compatible bucket', () => {
    let s3: FakeS3;
    let bucketed: FilmsHarness;
    beforeAll(async () => {
      s3 = await startFakeS3();
      // A second instance on the same database, configured as in distributed mode.
      bucketed = await startFilms({
        infra: h.infra,
        env: {
          POSTER_STORAGE: 's3',
          S3_BUCKET: 'cinema',
          S3_ENDPOINT: s3.endpoint,
          S3_ACCESS_KEY_ID: 'test',
          S3_SECRET_ACCESS_KEY: 'test-secret',
        },
      });
    });
    afterAll(async () => {
      await bucketed?.stop();
      await s3?.close();
    });

    it('uploads to the bucket and serves the poster through the service', async () => {
      const id = await bucketed.idOf('cinema-paradiso-1988');
      const up = await bucketed.api('PUT', `/${id}/poster`, {
        as: admin,
        body: form(PNG, 'p.png', 'image/png'),
      });
      expect(up.status).toBe(200);
      const key = up.body.posterUrl.split('/').pop();
      expect(s3.objects.get(`/cinema/posters/${key}`)?.body).toEqual(Buffer.from(PNG));
      const res = await fetch(bucketed.url(`/posters/${key}`));
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
      expect((await bucketed.api('DELETE', `/${id}/poster`, { as: admin })).status).toBe(204);
      expect(s3.objects.has(`/cinema/posters/${key}`)).toBe(false);
    });

    it('refuses to start in S3 mode without a bucket, naming the variable', async () => {
      await expect(startFilms({ infra: h.infra, env: { POSTER_STORAGE: 's3' } })).rejects.toThrow(
        /S3_BUCKET/,
      );
    });
  });
});
