// The watchdog gives up on an account whose worker keeps crashing: it becomes `stopped` with the
// reason until an admin looks at it. Fellow services only.
import { defineRoute, jsonBody, jsonInput, notFound, problems, requireInternal, z } from '@switchyard/kit';
import { serviceActor } from '../domain/audit';
import { ACCOUNT_STATUSES } from '../domain/types';
import { stopAccount } from '../repositories/worker-accounts';
import type { Deps } from './deps';

export const internalStopAccountRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/internal/accounts/{id}/stop',
      tags: ['internal'],
      summary: 'Mark an account stopped with a reason (a banned or stopped account is left as it is)',
      request: {
        params: z.object({ id: z.string().min(1).max(64) }),
        ...jsonInput(z.strictObject({ reason: z.string().min(1).max(500) })),
      },
      responses: {
        200: jsonBody(
          z.object({
            changed: z.boolean(),
            account: z.object({ id: z.string(), status: z.enum(ACCOUNT_STATUSES), statusReason: z.string().nullable() }),
          }),
          'The account status now',
        ),
        ...problems(400, 404),
      },
    },
    async (c) => {
      requireInternal(c);
      const { id } = c.req.valid('param');
      const caller = c.req.header('x-calling-service')?.slice(0, 60) ?? 'watchdog';
      const outcome = await deps.transaction((trx) =>
        stopAccount(trx, serviceActor(`service:${caller}`, c.get('requestId')), id, c.req.valid('json').reason),
      );
      if (!outcome) throw notFound('Account');
      const a = outcome.account;
      return c.json(
        { changed: outcome.changed, account: { id: a.id, status: a.status, statusReason: a.status_reason } },
        200,
      );
    },
  );
