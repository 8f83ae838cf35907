import { defineRoute, jsonInput, problems, z } from '@switchyard/kit';
import { requestPasswordReset } from '../app/accounts';
import type { RouteDeps } from './deps';
import { Email, noContent } from './schemas';

export const passwordResetRequest = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/password/reset/request',
      tags: ['account'],
      summary: 'Mail a password reset code',
      description: 'Always 204 (or 429 when asked too often), whether or not the email has an account.',
      request: jsonInput(z.object({ email: Email })),
      responses: { ...noContent, ...problems(400, 429) },
    },
    async (c) => {
      await requestPasswordReset(deps, c.req.valid('json').email);
      return c.body(null, 204);
    },
  );
