import { defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { toListItem } from '../domain/film-view';
import type { Deps } from './deps';
import { adultParam, limitParam, schemas } from './schemas';
import { queryParam, requireQuery, round } from './search';

export const smartSearchRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/smart-search',
      tags: ['search'],
      summary: 'Natural-language search: by meaning when embeddings are configured, else full text',
      request: { query: z.object({ q: queryParam, adult: adultParam, limit: limitParam(12, 50) }) },
      responses: {
        200: jsonBody(schemas.SmartSearchResult, 'Ranked films and the mode that ranked them'),
        ...problems(400),
      },
    },
    async (c) => {
      const { q, adult, limit } = c.req.valid('query');
      const text = requireQuery(q);
      const answer = await deps.smartSearch.search(text, adult, limit);
      deps.metrics.searches.inc({ kind: 'smart', mode: answer.mode });
      return c.json(
        {
          query: text,
          mode: answer.mode,
          fallbackReason: answer.fallbackReason,
          items: answer.rows.map((r) => ({ film: toListItem(r, deps.poster), score: round(r.score) })),
        },
        200,
      );
    },
  );
