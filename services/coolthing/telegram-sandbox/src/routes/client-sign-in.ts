import { defineRoute, jsonBody, jsonInput, problems } from '@switchyard/kit';
import { SignInInput, SignInOutput } from '@switchyard/contracts';
import { signIn } from '../domain/auth';
import { clientHeaders, clientKey, keyHashOf, telegram, type Deps } from './common';

/** Sign-in step 2: on success the caller's key (header) is bound to the account. */
export const clientSignIn = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/client/auth/sign-in',
      tags: ['client'],
      summary: 'Sign in with the login code',
      request: { headers: clientHeaders, ...jsonInput(SignInInput) },
      responses: {
        200: jsonBody(SignInOutput, 'Signed in, or the 2FA password is needed'),
        ...problems(400, 401),
      },
    },
    async (c) => {
      const hash = keyHashOf(clientKey(c));
      return c.json(
        telegram(() => signIn(deps.world, c.req.valid('json'), hash)),
        200,
      );
    },
  );
