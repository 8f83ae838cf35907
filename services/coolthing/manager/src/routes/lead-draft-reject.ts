import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { allow, security } from './auth';
import { Reason } from './common';
import type { Deps } from './deps';
import { LeadIdParam, LeadSchema, leadView } from './views';

export const rejectDraftRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/leads/{id}/draft/reject',
      tags: ['drafts'],
      summary: 'Reject the draft: nothing is sent, the lead becomes `failed` with the reason',
      security,
      request: { params: LeadIdParam, ...jsonInput(z.strictObject({ reason: Reason.optional() })) },
      responses: { 200: jsonBody(LeadSchema, 'The lead'), ...problems(400, 401, 403, 404, 409) },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const lead = await deps.leads.reject(c.req.valid('param').id, actor, c.req.valid('json').reason);
      return c.json(leadView(lead), 200);
    },
  );
