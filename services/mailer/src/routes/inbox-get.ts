import { defineRoute, jsonBody, notFound, problems, z } from '@switchyard/kit';
import type { RouteDeps } from './deps';
import { assertCaptured, InboxMessage, inboxItem } from './schemas';

export const inboxGet = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'get',
      path: '/inbox/{id}',
      tags: ['inbox'],
      summary: 'One captured mail with its HTML and text bodies',
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: jsonBody(InboxMessage, 'The mail'), ...problems(400, 404) },
    },
    async (c) => {
      assertCaptured(deps);
      const mail = await deps.mails.byId(c.req.valid('param').id);
      if (!mail || mail.status !== 'captured') throw notFound('Mail');
      return c.json({ ...inboxItem(mail), html: mail.html_body ?? '', text: mail.text_body ?? '' }, 200);
    },
  );
