import { defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { listLeads } from '../repositories/leads';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { cursorKey, leadFilter, LeadFilterQuery } from './lead-filters';
import { LeadSchema, leadView, nextCursor, pageOf, PageQuery } from './views';

export const listLeadsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/leads',
      tags: ['leads'],
      summary:
        'Leads, newest first: filters by campaign, status, account, user, tag, date and text; cursor pages',
      security,
      request: { query: z.object({ ...LeadFilterQuery, ...PageQuery }) },
      responses: {
        200: jsonBody(pageOf(LeadSchema, 'LeadPage'), 'A page of leads'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'read');
      const { limit, cursor, ...query } = c.req.valid('query');
      const after = cursorKey(cursor);
      const rows = await listLeads(deps.db, leadFilter(query), { limit, ...(after ? { after } : {}) });
      return c.json({ items: rows.map(leadView), nextCursor: nextCursor(rows, limit) }, 200);
    },
  );
