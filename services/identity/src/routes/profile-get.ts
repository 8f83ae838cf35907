import { defineRoute, jsonBody, notFound, problems, requireUser } from '@switchyard/kit';
import { ownProfile } from '../app/views';
import type { RouteDeps } from './deps';
import { OwnProfile } from './schemas';

export const getProfile = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'get',
      path: '/me',
      tags: ['profile'],
      summary: "The caller's own profile",
      security: [{ bearer: [] }],
      responses: { 200: jsonBody(OwnProfile, 'Profile'), ...problems(401, 404) },
    },
    async (c) => {
      const user = await deps.users.byId(requireUser(c).id);
      if (!user) throw notFound('User');
      return c.json(ownProfile(user), 200);
    },
  );
