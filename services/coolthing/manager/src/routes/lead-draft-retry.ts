import { defineRoute, jsonBody, problems } from '@switchyard/kit';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { LeadIdParam, LeadSchema, leadView } from './views';

export const retryDraftRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/leads/{id}/draft/retry',
      tags: ['drafts'],
      summary: 'Draft the offer again (a lead parked after model failures, or a draft not liked)',
      security,
      request: { params: LeadIdParam },
      responses: {
        200: jsonBody(LeadSchema, 'The lead, back to `new`'),
        ...problems(400, 401, 403, 404, 409),
      },
    },
    async (c) => {
      allow(c, 'operate');
      return c.json(leadView(await deps.leads.retryDraft(c.req.valid('param').id)), 200);
    },
  );
