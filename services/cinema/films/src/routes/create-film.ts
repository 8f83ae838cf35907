import { FilmCatalogueChanged } from '@switchyard/contracts';
import { conflict, defineRoute, jsonBody, jsonInput, problems, requireRole } from '@switchyard/kit';
import { toDetails } from '../domain/film-view';
import { slugify } from '../domain/slug';
import { findFilm } from '../repositories/catalogue';
import { freeSlug, insertFilm, SlugTaken } from '../repositories/film-writes';
import type { Deps } from './deps';
import { CreateFilm, toColumns } from './film-input';
import { schemas, security } from './schemas';

export const createFilmRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/',
      tags: ['admin'],
      summary: 'Add a film (admin)',
      security,
      request: jsonInput(CreateFilm),
      responses: {
        201: jsonBody(schemas.FilmDetails, 'The new film'),
        ...problems(400, 401, 403, 409),
      },
    },
    async (c) => {
      requireRole(c, 'admin', 'owner');
      const input = c.req.valid('json');
      const columns = toColumns(input);
      const year = input.releaseDate ? Number(input.releaseDate.slice(0, 4)) : null;
      const film = await deps
        .transaction(async (trx, publish) => {
          const slug = input.slug ?? (await freeSlug(trx, slugify(input.title, year)));
          const created = await insertFilm(trx, {
            ...columns,
            title: input.title,
            original_title: input.originalTitle ?? input.title,
            slug,
          });
          await publish(FilmCatalogueChanged, { filmId: created.id, slug: created.slug, change: 'created' });
          return (await findFilm(trx, { id: created.id }))!;
        })
        .catch((err: unknown) => {
          if (err instanceof SlugTaken) throw conflict(`The slug ${err.message} is taken.`);
          throw err;
        });
      await deps.catalogueChanged();
      return c.json(toDetails(film, deps.poster, { commentsCount: 0, me: null }), 201);
    },
  );
