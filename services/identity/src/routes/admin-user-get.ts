import { defineRoute, jsonBody, notFound, problems, requireRole } from '@switchyard/kit';
import { adminView } from '../app/views';
import type { RouteDeps } from './deps';
import { AdminUser, UserIdParam } from './schemas';

export const adminGetUser = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'get',
      path: '/admin/users/{id}',
      tags: ['admin'],
      summary: 'One user, with ban details',
      security: [{ bearer: [] }],
      request: { params: UserIdParam },
      responses: { 200: jsonBody(AdminUser, 'The user'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      requireRole(c, 'admin', 'owner');
      const user = await deps.users.byId(c.req.valid('param').id);
      if (!user) throw notFound('User');
      return c.json(adminView(user), 200);
    },
  );
