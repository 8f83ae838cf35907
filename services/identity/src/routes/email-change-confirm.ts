import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { confirmEmailChange } from '../app/accounts';
import { requireSession } from '../http/request';
import type { RouteDeps } from './deps';
import { Code, FreshAccess } from './schemas';

export const emailChangeConfirm = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/email/change/confirm',
      tags: ['account'],
      summary: 'Finish an email change with the code mailed to the new address',
      security: [{ bearer: [] }],
      request: jsonInput(z.object({ code: Code })),
      responses: { 200: jsonBody(FreshAccess, 'Email changed'), ...problems(400, 401, 403, 409, 422) },
    },
    async (c) => {
      const { user, sessionId } = requireSession(c);
      return c.json(
        await confirmEmailChange(deps, { userId: user.id, sessionId, code: c.req.valid('json').code }),
        200,
      );
    },
  );
