import { defineRoute, isAdmin, jsonBody, notFound, problems } from '@switchyard/kit';
import { publicProfile as view } from '../app/views';
import type { RouteDeps } from './deps';
import { PublicProfile, UserIdParam } from './schemas';

export const publicProfile = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'get',
      path: '/users/{id}',
      tags: ['profile'],
      summary: 'A public profile (private ones answer 404 except to their owner and admins)',
      request: { params: UserIdParam },
      responses: { 200: jsonBody(PublicProfile, 'Profile'), ...problems(400, 404) },
    },
    async (c) => {
      const caller = c.get('user');
      const user = await deps.users.byId(c.req.valid('param').id);
      const visible =
        user && ((user.is_public && user.status !== 'banned') || caller?.id === user.id || isAdmin(caller));
      if (!user || !visible) throw notFound('Profile');
      return c.json(view(user), 200);
    },
  );
