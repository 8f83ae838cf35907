import { defineRoute, notFound, problems, requireRole } from '@switchyard/kit';
import { discardPoster } from '../app/posters';
import { lockFilm, setPosterKey } from '../repositories/film-writes';
import type { Deps } from './deps';
import { FilmIdParam, security } from './schemas';

export const deletePosterRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/{id}/poster',
      tags: ['admin'],
      summary: 'Remove the uploaded poster; the film shows its generated poster again (admin)',
      security,
      request: { params: FilmIdParam },
      responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      requireRole(c, 'admin', 'owner');
      const { id } = c.req.valid('param');
      const previous = await deps.transaction(async (trx) => {
        const film = await lockFilm(trx, id);
        if (!film) throw notFound('Film');
        if (film.poster_key) await setPosterKey(trx, id, null);
        return film.poster_key;
      });
      await discardPoster(deps.posters, previous, deps.log);
      await deps.catalogueChanged();
      return c.body(null, 204);
    },
  );
