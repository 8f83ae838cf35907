import { defineRoute, problems, unauthorized, z } from '@switchyard/kit';
import { logout as endSession } from '../app/auth';
import { sessionIdOf } from '../keys/access-tokens';
import { clearRefreshCookie, refreshTokenOf } from '../http/request';
import type { RouteDeps } from './deps';
import { noContent } from './schemas';

export const logout = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/logout',
      tags: ['session'],
      summary: 'End this session (named by the refresh token, or by the access token)',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({ refreshToken: z.string().min(10).max(200).optional() }),
            },
          },
          required: false,
        },
      },
      responses: { ...noContent, ...problems(400, 401) },
    },
    async (c) => {
      const body = c.req.header('content-type')?.includes('application/json') ? c.req.valid('json') : {};
      const refreshToken = refreshTokenOf(c, body.refreshToken);
      const user = c.get('user');
      const bearer = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
      const sessionId = user && bearer ? sessionIdOf(bearer) : undefined;
      if (!refreshToken && !sessionId) throw unauthorized('Send the refresh token or an access token.');
      await endSession(deps, { refreshToken, userId: user?.id, sessionId });
      clearRefreshCookie(c, deps.cookie);
      return c.body(null, 204);
    },
  );
