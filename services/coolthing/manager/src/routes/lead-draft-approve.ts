import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { allow, security } from './auth';
import { MessageText } from './common';
import type { Deps } from './deps';
import { LeadIdParam, LeadSchema, leadView } from './views';

export const approveDraftRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/leads/{id}/draft/approve',
      tags: ['drafts'],
      summary:
        'Approve the draft as it is, or with the edited `text`: the offer is queued (caps, windows, pacing apply)',
      security,
      request: { params: LeadIdParam, ...jsonInput(z.strictObject({ text: MessageText.optional() })) },
      responses: { 200: jsonBody(LeadSchema, 'The lead, queued'), ...problems(400, 401, 403, 404, 409) },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const lead = await deps.leads.approve(c.req.valid('param').id, actor, c.req.valid('json').text);
      return c.json(leadView(lead), 200);
    },
  );
