import { defineRoute, jsonBody, jsonInput, problems, z } from '@switchyard/kit';
import { redeemCode as redeem } from '../app/accounts';
import { requireSession } from '../http/request';
import type { RouteDeps } from './deps';
import { Code, FreshAccess } from './schemas';

export const redeemCode = (deps: RouteDeps) =>
  defineRoute(
    {
      method: 'post',
      path: '/redeem-code',
      tags: ['account'],
      summary: 'Redeem a mailed code: verify the email (default) or confirm an email change',
      description:
        'Answers a fresh access token that already carries the change (status `active`, new email); ' +
        'the refresh token stays the same. Five wrong guesses kill a code.',
      security: [{ bearer: [] }],
      request: jsonInput(
        z.object({ code: Code, purpose: z.enum(['verify-email', 'change-email']).default('verify-email') }),
      ),
      responses: {
        200: jsonBody(FreshAccess, 'Redeemed'),
        ...problems(400, 401, 403, 409, 422),
      },
    },
    async (c) => {
      const { user, sessionId } = requireSession(c);
      const { code, purpose } = c.req.valid('json');
      return c.json(await redeem(deps, { userId: user.id, sessionId, purpose, code }), 200);
    },
  );
