import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { CheckPasswordInput, TgUserSchema } from '@switchyard/contracts';
import { checkPassword } from '../domain/auth';
import { clientHeaders, clientKey, keyHashOf, telegram, type Deps } from './common';

/** Sign-in step 3 for accounts with two-step verification. */
export const clientCheckPassword = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/client/auth/check-password',
      tags: ['client'],
      summary: 'Finish sign-in with the 2FA password',
      request: { headers: clientHeaders, ...jsonInput(CheckPasswordInput) },
      responses: { 200: jsonBody(z.object({ user: TgUserSchema }), 'Signed in'), ...problems(400, 401) },
    },
    async (c) => {
      const hash = keyHashOf(clientKey(c));
      return c.json({ user: telegram(() => checkPassword(deps.world, c.req.valid('json'), hash)) }, 200);
    },
  );
