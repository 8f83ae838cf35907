import { defineRoute, jsonBody, notFound, problems, requireActive, requireUser, z } from '@switchyard/kit';
import { addFavourite, removeFavourite } from '../repositories/lists';
import type { Deps } from './deps';
import { iso, prepareWrite, requireFilm } from './helpers';
import { FilmIdParam, security } from './schemas';

export const putFavouriteRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'put',
      path: '/{id}/favourite',
      tags: ['lists'],
      summary: 'Add a film to your favourites (verified users; repeating is harmless)',
      security,
      request: { params: FilmIdParam },
      responses: {
        200: jsonBody(z.object({ favourite: z.literal(true), addedAt: z.string() }), 'In favourites'),
        ...problems(400, 401, 403, 404),
      },
    },
    async (c) => {
      const user = requireActive(c);
      const { id } = c.req.valid('param');
      const addedAt = await deps.transaction(async (trx) => {
        await prepareWrite(trx, id, user.id);
        return addFavourite(trx, user.id, id);
      });
      return c.json({ favourite: true as const, addedAt: iso(addedAt) }, 200);
    },
  );

export const deleteFavouriteRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/{id}/favourite',
      tags: ['lists'],
      summary: 'Remove a film from your favourites',
      security,
      request: { params: FilmIdParam },
      responses: { 204: { description: 'Removed' }, ...problems(400, 401, 404) },
    },
    async (c) => {
      const user = requireUser(c);
      const { id } = c.req.valid('param');
      await requireFilm(deps.db, id);
      if (!(await removeFavourite(deps.db, user.id, id))) throw notFound('Favourite');
      return c.body(null, 204);
    },
  );
