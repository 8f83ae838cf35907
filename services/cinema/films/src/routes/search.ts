import { badRequest, defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { toListItem } from '../domain/film-view';
import { MAX_QUERY_LENGTH, normaliseQuery } from '../domain/search-query';
import { searchFilms } from '../repositories/search';
import type { Deps } from './deps';
import { adultParam, limitParam, schemas } from './schemas';

export const queryParam = z
  .string()
  .max(MAX_QUERY_LENGTH)
  .transform(normaliseQuery)
  .openapi({ description: 'What to look for', example: 'godfather', type: 'string' });

export function requireQuery(q: string): string {
  if (!q) throw badRequest('Type something to search for.', [{ path: 'query.q', message: 'empty' }]);
  return q;
}

export const searchRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/search',
      tags: ['search'],
      summary: 'Full-text search over titles and descriptions (English and Russian), tolerant of typos',
      request: {
        query: z.object({
          q: queryParam,
          adult: adultParam,
          limit: limitParam(20, 50),
          offset: z.coerce.number().int().min(0).max(1000).default(0),
        }),
      },
      responses: { 200: jsonBody(schemas.SearchPage, 'Ranked films'), ...problems(400) },
    },
    async (c) => {
      const { q, adult, limit, offset } = c.req.valid('query');
      const text = requireQuery(q);
      deps.metrics.searches.inc({ kind: 'search', mode: 'fulltext' });
      const page = await deps.listing.get(
        `search:${JSON.stringify([text, adult, limit, offset])}`,
        async () => {
          const { rows, more } = await searchFilms(deps.db, { text, adult, limit, offset });
          return {
            query: text,
            mode: 'fulltext' as const,
            items: rows.map((r) => ({ film: toListItem(r, deps.poster), score: round(r.score) })),
            nextOffset: more ? offset + limit : null,
          };
        },
      );
      return c.json(page, 200);
    },
  );

export const round = (score: number) => Math.round(Number(score) * 10_000) / 10_000;
