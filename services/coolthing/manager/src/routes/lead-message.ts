import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { allow, security } from './auth';
import { MessageText } from './common';
import type { Deps } from './deps';
import { LeadIdParam, LeadSchema, leadView } from './views';

export const sendMessageRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/leads/{id}/messages',
      tags: ['conversations'],
      summary:
        "Send an operator's message from the lead's account (hourly cap applies); automatic answers stop",
      security,
      request: { params: LeadIdParam, ...jsonInput(z.strictObject({ text: MessageText })) },
      responses: {
        202: jsonBody(
          z.object({ outboundId: z.string(), lead: LeadSchema }),
          'Requested from the account worker',
        ),
        ...problems(400, 401, 403, 404, 409),
      },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const { lead, outboundId } = await deps.leads.sendMessage(
        c.req.valid('param').id,
        actor,
        c.req.valid('json').text,
      );
      return c.json({ outboundId, lead: leadView(lead) }, 202);
    },
  );
