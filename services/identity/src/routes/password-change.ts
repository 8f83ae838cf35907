import { defineRoute, jsonInput, problems, z } from '@switchyard/kit';
import { changePassword as change } from '../app/accounts';
import { clientIp, requireSession } from '../http/request';
import type { RouteDeps } from './deps';
import { AnyPassword, noContent, Password } from './schemas';

export const changePassword = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/password/change',
      tags: ['account'],
      summary: 'Change the password (needs the current one); every other session ends',
      security: [{ bearer: [] }],
      request: jsonInput(z.object({ currentPassword: AnyPassword, newPassword: Password })),
      responses: { ...noContent, ...problems(400, 401, 403, 429) },
    },
    async (c) => {
      const { user, sessionId } = requireSession(c);
      const body = c.req.valid('json');
      await change(deps, deps.guard, {
        userId: user.id,
        sessionId,
        ...body,
        ip: clientIp(c, deps.config.IDENTITY_TRUST_FORWARDED),
      });
      return c.body(null, 204);
    },
  );
