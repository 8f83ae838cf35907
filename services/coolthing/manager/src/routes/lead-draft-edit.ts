import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { allow, security } from './auth';
import { MessageText } from './common';
import type { Deps } from './deps';
import { LeadIdParam, LeadSchema, leadView } from './views';

export const editDraftRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'put',
      path: '/leads/{id}/draft',
      tags: ['drafts'],
      summary: 'Replace the text of a draft in review (it still waits for approval)',
      security,
      request: { params: LeadIdParam, ...jsonInput(z.strictObject({ text: MessageText })) },
      responses: { 200: jsonBody(LeadSchema, 'The lead'), ...problems(400, 401, 403, 404, 409) },
    },
    async (c) => {
      allow(c, 'operate');
      const lead = await deps.leads.editDraft(c.req.valid('param').id, c.req.valid('json').text);
      return c.json(leadView(lead), 200);
    },
  );
