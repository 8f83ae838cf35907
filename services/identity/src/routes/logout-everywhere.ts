import { defineRoute, problems, requireUser } from '@switchyard/kit';
import { clearRefreshCookie } from '../http/request';
import type { RouteDeps } from './deps';
import { noContent } from './schemas';

export const logoutEverywhere = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/logout-everywhere',
      tags: ['session'],
      summary: 'End every session of the caller, this one included',
      security: [{ bearer: [] }],
      responses: { ...noContent, ...problems(401) },
    },
    async (c) => {
      const user = requireUser(c);
      const ended = await deps.sessions.revokeAll(user.id, 'logout-everywhere', deps.clock());
      deps.log.info({ userId: user.id, ended }, 'signed out everywhere');
      clearRefreshCookie(c, deps.cookie);
      return c.body(null, 204);
    },
  );
