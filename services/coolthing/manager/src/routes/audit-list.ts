import { badRequest, defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { listAudit } from '../repositories/audit';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { cursorKey } from './lead-filters';
import { AuditEntrySchema, auditView, nextCursor, pageOf, PageQuery } from './views';

export const listAuditRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/audit',
      tags: ['audit'],
      summary: 'Every private message that went out: who sent what to whom, when and why; newest first',
      security,
      request: {
        query: z.object({
          campaignId: z.string().min(1).max(64).optional(),
          accountId: z.string().min(1).max(64).optional(),
          userId: z.string().min(1).max(64).optional(),
          leadId: z.string().min(1).max(64).optional(),
          kind: z.enum(['offer', 'reply', 'operator']).optional(),
          since: z.iso.datetime({ offset: true }).optional(),
          until: z.iso.datetime({ offset: true }).optional(),
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonBody(pageOf(AuditEntrySchema, 'OutboundAuditPage'), 'A page of entries'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'read');
      const { limit, cursor, since, until, ...filter } = c.req.valid('query');
      const key = cursorKey(cursor);
      if (key !== undefined && !/^\d{1,18}$/.test(key))
        throw badRequest('The cursor is not valid; start again without it.');
      const rows = await listAudit(
        deps.db,
        {
          ...filter,
          ...(since ? { since: new Date(since) } : {}),
          ...(until ? { until: new Date(until) } : {}),
        },
        { limit, ...(key ? { after: Number(key) } : {}) },
      );
      return c.json({ items: rows.map(auditView), nextCursor: nextCursor(rows, limit) }, 200);
    },
  );
