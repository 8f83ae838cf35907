import { defineRoute, jsonBody, problems, requireRole, z } from '@switchyard/kit';
import { banUser } from '../app/admin';
import { adminView } from '../app/views';
import type { RouteDeps } from './deps';
import { AdminUser, UserIdParam } from './schemas';

export const adminBanUser = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/admin/users/{id}/ban',
      tags: ['admin'],
      summary: 'Ban a user: sessions end and every service refuses their tokens',
      security: [{ bearer: [] }],
      request: {
        params: UserIdParam,
        body: {
          content: {
            'application/json': { schema: z.object({ reason: z.string().trim().max(500).optional() }) },
          },
          required: false,
        },
      },
      responses: { 200: jsonBody(AdminUser, 'Banned'), ...problems(400, 401, 403, 404, 409) },
    },
    async (c) => {
      const actor = requireRole(c, 'admin', 'owner');
      const body = c.req.header('content-type')?.includes('application/json') ? c.req.valid('json') : {};
      const user = await banUser(deps, actor, c.req.valid('param').id, body.reason || undefined);
      return c.json(adminView(user), 200);
    },
  );
