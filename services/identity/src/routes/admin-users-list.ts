import { defineRoute, jsonBody, problems, requireRole, z } from '@switchyard/kit';
import { adminView } from '../app/views';
import type { RouteDeps } from './deps';
import { AdminUser, Role, Status } from './schemas';

export const adminListUsers = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'get',
      path: '/admin/users',
      tags: ['admin'],
      summary: 'Users, newest first, filtered by text, status and role',
      security: [{ bearer: [] }],
      request: {
        query: z.object({
          q: z.string().trim().min(1).max(100).optional(),
          status: Status.optional(),
          role: Role.optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
      },
      responses: {
        200: jsonBody(
          z.object({
            items: z.array(AdminUser),
            total: z.number().int(),
            limit: z.number(),
            offset: z.number(),
          }),
          'A page of users',
        ),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      requireRole(c, 'admin', 'owner');
      const query = c.req.valid('query');
      const { items, total } = await deps.users.list(query);
      return c.json({ items: items.map(adminView), total, limit: query.limit, offset: query.offset }, 200);
    },
  );
