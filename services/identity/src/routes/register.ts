import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { register as registerAccount } from '../app/accounts';
import { clientIp, setRefreshCookie, userAgentOf } from '../http/request';
import type { RouteDeps } from './deps';
import { Email, Locale, Name, Password, SessionTokens } from './schemas';

export const register = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/register',
      tags: ['account'],
      summary: 'Create an account; a verification code is mailed and the new session is returned',
      request: jsonInput(
        z.object({
          email: Email,
          password: Password,
          firstName: Name.min(1),
          lastName: Name.default(''),
          locale: Locale.default('en'),
        }),
      ),
      responses: {
        201: jsonBody(SessionTokens, 'Account created (status not_verified) and signed in'),
        ...problems(400, 409, 429),
      },
    },
    async (c) => {
      const body = c.req.valid('json');
      const tokens = await registerAccount(deps, {
        ...body,
        ip: clientIp(c, deps.config.IDENTITY_TRUST_FORWARDED),
        userAgent: userAgentOf(c),
      });
      setRefreshCookie(c, tokens.refreshToken, new Date(tokens.refreshExpiresAt), deps.cookie);
      return c.json(tokens, 201);
    },
  );
