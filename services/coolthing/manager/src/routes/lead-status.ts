import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { LEAD_STATUSES } from '../domain/lead-status';
import { allow, security } from './auth';
import { Reason } from './common';
import type { Deps } from './deps';
import { LeadIdParam, LeadSchema, leadView } from './views';

export const setStatusRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'put',
      path: '/leads/{id}/status',
      tags: ['leads'],
      summary:
        'Set the status: `new` drafts again, `queued` sends the draft, `opted_out` also adds the user to the ' +
        'do-not-contact list; an opted-out lead stays so',
      security,
      request: {
        params: LeadIdParam,
        ...jsonInput(z.strictObject({ status: z.enum(LEAD_STATUSES), reason: Reason.optional() })),
      },
      responses: { 200: jsonBody(LeadSchema, 'The lead'), ...problems(400, 401, 403, 404, 409) },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const { status, reason } = c.req.valid('json');
      return c.json(
        leadView(await deps.leads.setStatus(c.req.valid('param').id, actor, status, reason)),
        200,
      );
    },
  );
