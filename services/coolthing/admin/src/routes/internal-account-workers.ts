// The accounts the watchdog keeps workers for, with what decides it: role, status, reserve flag,
// campaign and its status, and whether a worker holds the session lease now. Fellow services only.
import { defineRoute, jsonBody, problems, requireInternal, z } from '@switchyard/kit';
import { ACCOUNT_ROLES, ACCOUNT_STATUSES, CAMPAIGN_STATUSES, CAMPAIGN_TYPES } from '../domain/types';
import { listWorkerAccounts } from '../repositories/worker-accounts';
import { iso } from '../views/common';
import type { Deps } from './deps';

const Roles = z
  .string()
  .max(100)
  .default('parser,manager')
  .transform((v) => [...new Set(v.split(',').map((s) => s.trim()))].filter(Boolean))
  .pipe(z.array(z.enum(ACCOUNT_ROLES)).min(1));

const WorkerAccountSchema = z
  .object({
    id: z.string(),
    role: z.enum(ACCOUNT_ROLES),
    status: z.enum(ACCOUNT_STATUSES),
    statusReason: z.string().nullable(),
    floodWaitUntil: z.string().nullable(),
    isReserve: z.boolean(),
    hasSession: z.boolean(),
    telegramUserId: z.string().nullable(),
    campaign: z
      .object({ id: z.string(), status: z.enum(CAMPAIGN_STATUSES), type: z.enum(CAMPAIGN_TYPES) })
      .nullable(),
    /** The live session lease: some worker holds the account now. */
    lease: z.object({ holder: z.string(), expiresAt: z.string() }).nullable(),
  })
  .openapi('WorkerAccount');

export const internalAccountWorkersRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/account-workers',
      tags: ['internal'],
      summary: 'Accounts of the given roles with status, campaign and live session lease (fellow services only)',
      request: { query: z.object({ roles: Roles }) },
      responses: {
        200: jsonBody(z.object({ items: z.array(WorkerAccountSchema) }), 'The accounts'),
        ...problems(400, 404),
      },
    },
    async (c) => {
      requireInternal(c);
      const rows = await listWorkerAccounts(deps.db, c.req.valid('query').roles);
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            role: r.role,
            status: r.status,
            statusReason: r.status_reason,
            floodWaitUntil: iso(r.flood_wait_until),
            isReserve: r.is_reserve,
            hasSession: r.has_session,
            telegramUserId: r.telegram_user_id,
            campaign:
              r.campaign_id && r.campaign_status && r.campaign_type
                ? { id: r.campaign_id, status: r.campaign_status, type: r.campaign_type }
                : null,
            lease:
              r.lease_holder && r.lease_expires_at
                ? { holder: r.lease_holder, expiresAt: iso(r.lease_expires_at)! }
                : null,
          })),
        },
        200,
      );
    },
  );
