import { defineRoute, jsonBody, problems, unauthorized, z } from '@switchyard/kit';
import { refresh as rotate } from '../app/auth';
import { clearRefreshCookie, refreshTokenOf, setRefreshCookie, userAgentOf } from '../http/request';
import type { RouteDeps } from './deps';
import { SessionTokens } from './schemas';

export const refresh = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/refresh',
      tags: ['session'],
      summary: 'Exchange a refresh token (body or cookie) for new tokens',
      description:
        'Every refresh token works once. Presenting one that was already exchanged ends the whole session.',
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
      responses: {
        200: jsonBody(SessionTokens, 'New access and refresh tokens'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      const body = c.req.header('content-type')?.includes('application/json') ? c.req.valid('json') : {};
      const token = refreshTokenOf(c, body.refreshToken);
      if (!token) throw unauthorized('Send the refresh token in the body or the cookie.');
      try {
        const tokens = await rotate(deps, { refreshToken: token, userAgent: userAgentOf(c) });
        setRefreshCookie(c, tokens.refreshToken, new Date(tokens.refreshExpiresAt), deps.cookie);
        return c.json(tokens, 200);
      } catch (err) {
        clearRefreshCookie(c, deps.cookie);
        throw err;
      }
    },
  );
