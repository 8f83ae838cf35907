import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { login as signIn } from '../app/auth';
import { clientIp, setRefreshCookie, userAgentOf } from '../http/request';
import type { RouteDeps } from './deps';
import { AnyPassword, SessionTokens } from './schemas';

export const login = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/login',
      tags: ['session'],
      summary: 'Sign in with email and password',
      description:
        'Unknown email and wrong password get the same 401. Repeated failures lock the account ' +
        'progressively (429 with Retry-After), and failures are also counted per client address.',
      request: jsonInput(z.object({ email: z.string().max(254), password: AnyPassword })),
      responses: {
        200: jsonBody(SessionTokens, 'Signed in'),
        ...problems(400, 401, 403, 429),
      },
    },
    async (c) => {
      const { email, password } = c.req.valid('json');
      const tokens = await signIn(deps, deps.guard, deps.dummyHash, {
        email,
        password,
        ip: clientIp(c, deps.config.IDENTITY_TRUST_FORWARDED),
        userAgent: userAgentOf(c),
      });
      setRefreshCookie(c, tokens.refreshToken, new Date(tokens.refreshExpiresAt), deps.cookie);
      return c.json(tokens, 200);
    },
  );
