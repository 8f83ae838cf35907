import { defineRoute, jsonBody, problems } from '@switchyard/kit';
import { requestVerificationCode } from '../app/accounts';
import { requireSession } from '../http/request';
import type { RouteDeps } from './deps';
import { CodeSent } from './schemas';

export const requestCode = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/request-code',
      tags: ['account'],
      summary: 'Mail a new verification code (at most 1 a minute and 5 an hour)',
      security: [{ bearer: [] }],
      responses: {
        202: jsonBody(CodeSent, 'A code is on its way'),
        ...problems(401, 403, 409, 429),
      },
    },
    async (c) => {
      const { user } = requireSession(c);
      return c.json(await requestVerificationCode(deps, user.id), 202);
    },
  );
