import { defineRoute, jsonBody, jsonInput, problems } from '@switchyard/kit';
import { SendCodeInput, SendCodeOutput } from '@switchyard/contracts';
import { sendCode } from '../domain/auth';
import { telegram, type Deps } from './common';

/** Sign-in step 1: the code appears in `GET /world/codes` (the simulated phone). */
export const clientSendCode = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/client/auth/send-code',
      tags: ['client'],
      summary: 'Send a login code to an account phone',
      request: jsonInput(SendCodeInput),
      responses: { 200: jsonBody(SendCodeOutput, 'Code sent'), ...problems(400, 401) },
    },
    async (c) => {
      const { phone } = c.req.valid('json');
      const sent = telegram(() => sendCode(deps.world, phone));
      return c.json({ ...sent, delivery: 'sandbox' }, 200);
    },
  );
