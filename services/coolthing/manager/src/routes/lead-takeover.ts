import { defineRoute, jsonBody, problems } from '@switchyard/kit';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { LeadIdParam, LeadSchema, leadView } from './views';

export const takeOverRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/leads/{id}/takeover',
      tags: ['conversations'],
      summary: 'Take the conversation over: automatic answers stop, the operator answers',
      security,
      request: { params: LeadIdParam },
      responses: { 200: jsonBody(LeadSchema, 'The lead'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      return c.json(leadView(await deps.leads.takeOver(c.req.valid('param').id, actor)), 200);
    },
  );
