import {
  badRequest,
  defineRoute,
  HttpProblem,
  jsonBody,
  notFound,
  problems,
  requireRole,
  z,
} from '@switchyard/kit';
import { checkPoster, discardPoster, POSTER_MAX_BYTES } from '../app/posters';
import { lockFilm, setPosterKey } from '../repositories/film-writes';
import { findFilm } from '../repositories/catalogue';
import type { Deps } from './deps';
import { FilmIdParam, security } from './schemas';

const PosterForm = z.object({
  poster: z
    .custom<File>((v) => v instanceof File, 'a file')
    .openapi({ type: 'string', format: 'binary', description: 'PNG, JPEG or WebP, at most 10 MiB' }),
});

export const uploadPosterRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'put',
      path: '/{id}/poster',
      tags: ['admin'],
      summary: "Upload or replace a film's poster (admin; multipart field `poster`)",
      security,
      request: {
        params: FilmIdParam,
        body: { content: { 'multipart/form-data': { schema: PosterForm } }, required: true },
      },
      responses: {
        200: jsonBody(z.object({ posterUrl: z.string() }), 'Where the poster is served'),
        ...problems(400, 401, 403, 404, 413),
      },
    },
    async (c) => {
      requireRole(c, 'admin', 'owner');
      const { id } = c.req.valid('param');
      const file = c.req.valid('form').poster;
      if (file.size > POSTER_MAX_BYTES)
        throw new HttpProblem(413, 'Payload too large', `A poster may be at most ${POSTER_MAX_BYTES} bytes.`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const checked = checkPoster(id, bytes);
      if (!checked.ok) {
        if (checked.reason === 'too-large')
          throw new HttpProblem(
            413,
            'Payload too large',
            `A poster may be at most ${POSTER_MAX_BYTES} bytes.`,
          );
        throw badRequest(
          checked.reason === 'empty' ? 'The file is empty.' : 'The file is not a PNG, JPEG or WebP image.',
          [{ path: 'body.poster', message: checked.reason }],
        );
      }
      if (!(await findFilm(deps.db, { id }))) throw notFound('Film');
      // Store first: a failed upload leaves the film as it was; a failed update leaves an orphan.
      await deps.posters.put(checked.key, bytes, checked.type.contentType);
      const previous = await deps.transaction(async (trx) => {
        const film = await lockFilm(trx, id);
        if (!film) return undefined;
        await setPosterKey(trx, id, checked.key);
        return film.poster_key;
      });
      if (previous === undefined) {
        await discardPoster(deps.posters, checked.key, deps.log);
        throw notFound('Film');
      }
      if (previous !== checked.key) await discardPoster(deps.posters, previous, deps.log);
      const film = (await findFilm(deps.db, { id }))!;
      await deps.catalogueChanged();
      return c.json({ posterUrl: deps.poster(film).url }, 200);
    },
  );
