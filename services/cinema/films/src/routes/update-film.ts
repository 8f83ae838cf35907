import { FilmCatalogueChanged } from '@switchyard/contracts';
import { conflict, defineRoute, jsonBody, jsonInput, notFound, problems, requireRole } from '@switchyard/kit';
import { toDetails } from '../domain/film-view';
import { countComments, findFilm } from '../repositories/catalogue';
import { SlugTaken, updateFilm } from '../repositories/film-writes';
import type { Deps } from './deps';
import { UpdateFilm, toColumns } from './film-input';
import { FilmIdParam, schemas, security } from './schemas';

export const updateFilmRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'patch',
      path: '/{id}',
      tags: ['admin'],
      summary: 'Change some fields of a film (admin); null clears a field',
      security,
      request: { params: FilmIdParam, ...jsonInput(UpdateFilm) },
      responses: {
        200: jsonBody(schemas.FilmDetails, 'The film as it is now'),
        ...problems(400, 401, 403, 404, 409),
      },
    },
    async (c) => {
      requireRole(c, 'admin', 'owner');
      const { id } = c.req.valid('param');
      const changes = toColumns(c.req.valid('json'));
      const film = await deps
        .transaction(async (trx, publish) => {
          const updated = await updateFilm(trx, id, changes);
          if (!updated) throw notFound('Film');
          await publish(FilmCatalogueChanged, { filmId: id, slug: updated.slug, change: 'updated' });
          return (await findFilm(trx, { id }))!;
        })
        .catch((err: unknown) => {
          if (err instanceof SlugTaken) throw conflict(`The slug ${err.message} is taken.`);
          throw err;
        });
      await deps.catalogueChanged();
      const commentsCount = await countComments(deps.db, id);
      return c.json(toDetails(film, deps.poster, { commentsCount, me: null }), 200);
    },
  );
