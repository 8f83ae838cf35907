import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { LeadIdParam, LeadSchema, leadView } from './views';

export const autoReplyRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'put',
      path: '/leads/{id}/auto-reply',
      tags: ['conversations'],
      summary:
        "Switch automatic answers for this lead on or off (on also ends a takeover; the campaign's switch still applies)",
      security,
      request: { params: LeadIdParam, ...jsonInput(z.strictObject({ enabled: z.boolean() })) },
      responses: { 200: jsonBody(LeadSchema, 'The lead'), ...problems(400, 401, 403, 404, 409) },
    },
    async (c) => {
      allow(c, 'operate');
      return c.json(
        leadView(await deps.leads.setAutoReply(c.req.valid('param').id, c.req.valid('json').enabled)),
        200,
      );
    },
  );
