import { defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import type { RouteDeps } from './deps';
import { assertCaptured, InboxItem, inboxItem, RecipientQuery } from './schemas';

export const inboxList = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'get',
      path: '/inbox',
      tags: ['inbox'],
      summary: 'Captured mail, newest first (embedded mode only; 404 when SMTP is configured)',
      request: {
        query: z.object({
          to: RecipientQuery,
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
      },
      responses: {
        200: jsonBody(
          z.object({
            items: z.array(InboxItem),
            total: z.number().int(),
            limit: z.number(),
            offset: z.number(),
          }),
          'A page of captured mail',
        ),
        ...problems(400, 404),
      },
    },
    async (c) => {
      assertCaptured(deps);
      const query = c.req.valid('query');
      const { items, total } = await deps.mails.inbox(query);
      return c.json({ items: items.map(inboxItem), total, limit: query.limit, offset: query.offset }, 200);
    },
  );
