import { createHash } from 'node:crypto';
import { defineRoute, notFound, problems, z } from '@switchyard/kit';
import { yearOf } from '../domain/film-view';
import { POSTER_KEY } from '../domain/image-type';
import { renderPosterSvg } from '../domain/poster-svg';
import { findFilm } from '../repositories/catalogue';
import type { Deps } from './deps';
import { FilmIdParam } from './schemas';

const imageResponse = (types: string[], description: string) => ({
  content: Object.fromEntries(types.map((t) => [t, { schema: z.string().openapi({ format: 'binary' }) }])),
  description,
});

/** Uploaded posters are stored under content-hashed names, so they never change. */
export const storedPosterRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/posters/{file}',
      tags: ['posters'],
      summary: 'An uploaded poster (cached for a year: the name changes with the content)',
      request: { params: z.object({ file: z.string().max(60).regex(POSTER_KEY, 'a poster file name') }) },
      responses: {
        200: imageResponse(['image/png', 'image/jpeg', 'image/webp'], 'The image'),
        304: { description: 'Not modified' },
        ...problems(400, 404),
      },
    },
    async (c) => {
      const { file } = c.req.valid('param');
      const etag = `"${file}"`;
      const headers = {
        'cache-control': 'public, max-age=31536000, immutable',
        etag,
        'x-content-type-options': 'nosniff',
      };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      const poster = await deps.posters.get(file);
      if (!poster) throw notFound('Poster');
      return c.body(poster.body as Uint8Array<ArrayBuffer>, 200, {
        ...headers,
        'content-type': poster.contentType,
      });
    },
  );

export const generatedPosterRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/{id}/poster.svg',
      tags: ['posters'],
      summary: 'The generated poster: title and year on a colour derived from the slug',
      request: { params: FilmIdParam },
      responses: {
        200: imageResponse(['image/svg+xml'], 'SVG poster'),
        304: { description: 'Not modified' },
        ...problems(400, 404),
      },
    },
    async (c) => {
      const film = await findFilm(deps.db, { id: c.req.valid('param').id });
      if (!film) throw notFound('Film');
      const svg = renderPosterSvg({ slug: film.slug, title: film.title, year: yearOf(film.release_date) });
      const etag = `"${createHash('sha256').update(svg).digest('hex').slice(0, 20)}"`;
      const headers = {
        'cache-control': 'public, max-age=86400',
        etag,
        'x-content-type-options': 'nosniff',
        // An SVG opened on its own must not run anything.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      return c.body(svg, 200, { ...headers, 'content-type': 'image/svg+xml; charset=utf-8' });
    },
  );
