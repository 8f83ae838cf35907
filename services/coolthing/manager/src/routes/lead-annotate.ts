import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { LeadIdParam, LeadSchema, leadView } from './views';

export const annotateLeadRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'patch',
      path: '/leads/{id}',
      tags: ['leads'],
      summary: 'Notes and tags (only the fields sent change)',
      security,
      request: {
        params: LeadIdParam,
        ...jsonInput(
          z.strictObject({
            notes: z.string().max(10_000).nullable().optional(),
            tags: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
          }),
        ),
      },
      responses: { 200: jsonBody(LeadSchema, 'The lead'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      allow(c, 'operate');
      return c.json(leadView(await deps.leads.annotate(c.req.valid('param').id, c.req.valid('json'))), 200);
    },
  );
