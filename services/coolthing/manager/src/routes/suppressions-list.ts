import { defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { listSuppressions } from '../repositories/suppressions';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { cursorKey } from './lead-filters';
import { nextCursor, pageOf, PageQuery, SuppressionSchema, suppressionView } from './views';

export const listSuppressionsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/suppressions',
      tags: ['suppression list'],
      summary: "The do-not-contact list, newest first (opt-outs and operators' entries)",
      security,
      request: {
        query: z.object({
          source: z.enum(['opt_out', 'operator']).optional(),
          q: z.string().trim().min(1).max(100).optional(),
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonBody(pageOf(SuppressionSchema, 'SuppressionPage'), 'A page of entries'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'read');
      const { limit, cursor, source, q } = c.req.valid('query');
      const after = cursorKey(cursor);
      const rows = await listSuppressions(
        deps.db,
        { ...(source ? { source } : {}), ...(q ? { q } : {}) },
        { limit, ...(after ? { after } : {}) },
      );
      return c.json({ items: rows.map(suppressionView), nextCursor: nextCursor(rows, limit) }, 200);
    },
  );
