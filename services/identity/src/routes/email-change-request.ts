import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { requestEmailChange } from '../app/accounts';
import { clientIp, requireSession } from '../http/request';
import type { RouteDeps } from './deps';
import { AnyPassword, CodeSent, Email } from './schemas';

export const emailChangeRequest = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/email/change/request',
      tags: ['account'],
      summary: 'Start an email change: a code goes to the NEW address',
      security: [{ bearer: [] }],
      request: jsonInput(z.object({ newEmail: Email, password: AnyPassword })),
      responses: { 202: jsonBody(CodeSent, 'A code is on its way'), ...problems(400, 401, 403, 409, 429) },
    },
    async (c) => {
      const { user } = requireSession(c);
      const body = c.req.valid('json');
      const sent = await requestEmailChange(deps, deps.guard, {
        userId: user.id,
        ...body,
        ip: clientIp(c, deps.config.IDENTITY_TRUST_FORWARDED),
      });
      return c.json(sent, 202);
    },
  );
