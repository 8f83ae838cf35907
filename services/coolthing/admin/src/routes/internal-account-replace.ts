// The watchdog swaps a banned account for one from the reserve pool: in one transaction the
// oldest active reserve account of the same role gets the campaign and leaves the pool. Fellow
// services only; a retried call answers the same replacement.
import { conflict, defineRoute, jsonBody, jsonInput, notFound, problems, requireInternal, unprocessable, z } from '@switchyard/kit';
import { serviceActor } from '../domain/audit';
import { ACCOUNT_ROLES } from '../domain/types';
import { replaceFromReserve } from '../repositories/worker-accounts';
import type { Deps } from './deps';

export const internalReplaceAccountRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/internal/accounts/{id}/replace',
      tags: ['internal'],
      summary:
        "Move an account's campaign to an active reserve account of the same role; 409 when the pool has none",
      request: {
        params: z.object({ id: z.string().min(1).max(64) }),
        ...jsonInput(z.strictObject({ reason: z.string().max(500).optional() })),
      },
      responses: {
        200: jsonBody(
          z.object({
            accountId: z.string(),
            campaignId: z.string(),
            replacement: z.object({ id: z.string(), role: z.enum(ACCOUNT_ROLES), telegramUserId: z.string().nullable() }),
            /** True when this account had been replaced before (a repeated call). */
            alreadyReplaced: z.boolean(),
          }),
          'The replacement',
        ),
        ...problems(400, 404, 409, 422),
      },
    },
    async (c) => {
      requireInternal(c);
      const { id } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const caller = c.req.header('x-calling-service')?.slice(0, 60) ?? 'watchdog';
      const outcome = await deps.transaction((trx) =>
        replaceFromReserve(trx, serviceActor(`service:${caller}`, c.get('requestId')), id, reason ?? null),
      );
      switch (outcome.kind) {
        case 'not_found':
          throw notFound('Account');
        case 'no_assignment':
          throw unprocessable('The account has no campaign to hand over.');
        case 'no_reserve':
          throw conflict('No active reserve account of this role is available.');
        case 'replaced':
          deps.log.info({ accountId: id, replacement: outcome.replacement.id }, 'account replaced from the reserve pool');
          return c.json(
            {
              accountId: id,
              campaignId: outcome.campaignId,
              replacement: {
                id: outcome.replacement.id,
                role: outcome.replacement.role,
                telegramUserId: outcome.replacement.telegram_user_id,
              },
              alreadyReplaced: outcome.already,
            },
            200,
          );
      }
    },
  );
