import { WatchStatus } from '@switchyard/contracts';
import { defineRoute, jsonBody, notFound, problems, z } from '@switchyard/kit';
import { toDetails } from '../domain/film-view';
import { countComments, findFilm } from '../repositories/catalogue';
import { myState } from '../repositories/lists';
import type { Deps } from './deps';
import { iso } from './helpers';
import { schemas } from './schemas';

export const getFilmRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/{ref}',
      tags: ['catalogue'],
      summary: "A film by id or slug; with a token, also the caller's rating, favourite and watch status",
      request: {
        params: z.object({
          ref: z
            .string()
            .max(120)
            .regex(/^(\d{1,15}|[a-z0-9]+(-[a-z0-9]+)*)$/, 'a film id or slug')
            .openapi({ example: 'the-godfather-1972' }),
        }),
      },
      responses: { 200: jsonBody(schemas.FilmDetails, 'The film'), ...problems(400, 404) },
    },
    async (c) => {
      const { ref } = c.req.valid('param');
      const film = await findFilm(deps.db, /^\d+$/.test(ref) ? { id: Number(ref) } : { slug: ref });
      if (!film) throw notFound('Film');
      const filmId = Number(film.id);
      const user = c.get('user');
      const commentsCount = await countComments(deps.db, filmId);
      let me = null;
      if (user) {
        const s = await myState(deps.db, user.id, filmId);
        me = {
          rating: s.rating === null ? null : Number(s.rating),
          favourite: s.favourited_at !== null,
          favouritedAt: s.favourited_at ? iso(s.favourited_at) : null,
          watch:
            s.status && s.created_at && s.updated_at
              ? {
                  status: WatchStatus.parse(s.status),
                  createdAt: iso(s.created_at),
                  updatedAt: iso(s.updated_at),
                }
              : null,
        };
      }
      return c.json(toDetails(film, deps.poster, { commentsCount, me }), 200);
    },
  );
