import { defineRoute, jsonInput, problems, z } from '@switchyard/kit';
import { confirmPasswordReset } from '../app/accounts';
import type { RouteDeps } from './deps';
import { Code, Email, noContent, Password } from './schemas';

export const passwordResetConfirm = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/password/reset/confirm',
      tags: ['account'],
      summary: 'Set a new password with the mailed code; every session ends',
      request: jsonInput(z.object({ email: Email, code: Code, newPassword: Password })),
      responses: { ...noContent, ...problems(400, 422) },
    },
    async (c) => {
      await confirmPasswordReset(deps, deps.guard, c.req.valid('json'));
      return c.body(null, 204);
    },
  );
