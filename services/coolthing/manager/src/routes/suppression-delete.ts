import { defineRoute, problems, z } from '@switchyard/kit';
import { allow, security } from './auth';
import type { Deps } from './deps';

export const deleteSuppressionRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/suppressions/{id}',
      tags: ['suppression list'],
      summary: "Remove an operator's entry (admins and owners); a user's own opt-out cannot be removed",
      security,
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404, 409) },
    },
    async (c) => {
      allow(c, 'manage');
      await deps.leads.unsuppress(c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
