import { badRequest, defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { FilmGenre } from '@switchyard/contracts';
import { toListItem } from '../domain/film-view';
import { countFilms, listFilms, type SortKey } from '../repositories/catalogue';
import type { Deps } from './deps';
import { nextCursor, readCursor } from './helpers';
import { adultParam, cursorParam, limitParam, schemas } from './schemas';

/** `a,b` or a repeated parameter, as a trimmed list. */
const listParam = <T extends z.ZodType<unknown, string>>(item: T, max: number, description: string) =>
  z
    .union([z.string().max(400), z.array(z.string().max(100)).max(max)])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : v ? v.split(',') : []).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(max))
    .openapi({ description, type: 'string' });

const year = z.coerce.number().int().min(1870).max(2100);

export const ListQuery = z.object({
  genre: listParam(FilmGenre, 5, 'Comma-separated genres; a film must have all of them'),
  country: listParam(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .transform((s) => s.toUpperCase()),
    10,
    'Comma-separated ISO 3166-1 alpha-2 codes; a film must come from at least one',
  ),
  yearFrom: year.optional(),
  yearTo: year.optional(),
  minRating: z.coerce.number().min(0).max(5).optional().openapi({ description: 'Minimum average rating' }),
  adult: adultParam,
  sort: z.enum(['popularity', 'rating', 'year', 'title']).default('popularity'),
  order: z.enum(['asc', 'desc']).optional().openapi({ description: 'Default: asc for title, else desc' }),
  limit: limitParam(24),
  cursor: cursorParam,
});

export const listFilmsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/',
      tags: ['catalogue'],
      summary: 'Films with filters, sorting and stable cursor pagination',
      request: { query: ListQuery },
      responses: { 200: jsonBody(schemas.FilmPage, 'One page of films'), ...problems(400) },
    },
    async (c) => {
      const q = c.req.valid('query');
      if (q.yearFrom !== undefined && q.yearTo !== undefined && q.yearFrom > q.yearTo)
        throw badRequest('yearFrom is after yearTo.', [{ path: 'query.yearFrom', message: 'after yearTo' }]);
      const sort: SortKey = q.sort;
      const order = q.order ?? (sort === 'title' ? 'asc' : 'desc');
      const scope = `films:${sort}:${order}`;
      const cursor = readCursor(q.cursor, scope);
      const filters = {
        genres: q.genre,
        countries: q.country,
        yearFrom: q.yearFrom,
        yearTo: q.yearTo,
        minRating: q.minRating,
        adult: q.adult,
      };
      const page = await deps.listing.get(`list:${JSON.stringify(q)}`, async () => {
        const { rows, more } = await listFilms(deps.db, {
          ...filters,
          sort,
          order,
          limit: q.limit,
          ...(cursor ? { after: { value: cursor.value, id: Number(cursor.id) } } : {}),
        });
        const total = await countFilms(deps.db, filters);
        const last = rows.at(-1);
        return {
          items: rows.map((r) => toListItem(r, deps.poster)),
          nextCursor: nextCursor(more, scope, last && { value: last.sort_value, id: Number(last.id) }),
          total,
        };
      });
      return c.json(page, 200);
    },
  );
