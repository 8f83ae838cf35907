import { defineRoute, jsonBody, problems, requireRole } from '@switchyard/kit';
import { unbanUser } from '../app/admin';
import { adminView } from '../app/views';
import type { RouteDeps } from './deps';
import { AdminUser, UserIdParam } from './schemas';

export const adminUnbanUser = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/admin/users/{id}/unban',
      tags: ['admin'],
      summary: 'Lift a ban; the user returns to the status they had before it',
      security: [{ bearer: [] }],
      request: { params: UserIdParam },
      responses: { 200: jsonBody(AdminUser, 'Unbanned'), ...problems(400, 401, 403, 404, 409) },
    },
    async (c) => {
      const actor = requireRole(c, 'admin', 'owner');
      return c.json(adminView(await unbanUser(deps, actor, c.req.valid('param').id)), 200);
    },
  );
