import { FilmCatalogueChanged } from '@switchyard/contracts';
import { defineRoute, notFound, problems, requireRole } from '@switchyard/kit';
import { discardPoster } from '../app/posters';
import { deleteFilm } from '../repositories/film-writes';
import type { Deps } from './deps';
import { FilmIdParam, security } from './schemas';

export const deleteFilmRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/{id}',
      tags: ['admin'],
      summary: 'Delete a film with its ratings, comments and list entries (admin)',
      security,
      request: { params: FilmIdParam },
      responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      requireRole(c, 'admin', 'owner');
      const { id } = c.req.valid('param');
      const removed = await deps.transaction(async (trx, publish) => {
        const row = await deleteFilm(trx, id);
        if (!row) throw notFound('Film');
        await publish(FilmCatalogueChanged, { filmId: id, slug: row.slug, change: 'deleted' });
        return row;
      });
      await discardPoster(deps.posters, removed.poster_key, deps.log);
      await deps.catalogueChanged();
      return c.body(null, 204);
    },
  );
