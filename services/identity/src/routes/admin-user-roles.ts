import { defineRoute, jsonBody, jsonInput, problems, requireRole, z } from '@switchyard/kit';
import { setRoles } from '../app/admin';
import { adminView } from '../app/views';
import type { RouteDeps } from './deps';
import { AdminUser, Role, UserIdParam } from './schemas';

export const adminSetRoles = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'put',
      path: '/admin/users/{id}/roles',
      tags: ['admin'],
      summary: "Replace a user's roles (owners only; `user` is always kept; the last owner stays owner)",
      description: 'Tokens carry roles, so the change shows in the next access token (at the next refresh).',
      security: [{ bearer: [] }],
      request: { params: UserIdParam, ...jsonInput(z.object({ roles: z.array(Role).min(1).max(5) })) },
      responses: { 200: jsonBody(AdminUser, 'Roles set'), ...problems(400, 401, 403, 404, 409) },
    },
    async (c) => {
      const actor = requireRole(c, 'owner');
      const user = await setRoles(deps, actor, c.req.valid('param').id, c.req.valid('json').roles);
      return c.json(adminView(user), 200);
    },
  );
