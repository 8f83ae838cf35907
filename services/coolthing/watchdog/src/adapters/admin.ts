import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import { z } from '@switchyard/kit';
import type { WorkerRole } from '../db';
import type { AdminAccounts, ReplaceResult, WorkerAccount } from '../ports/admin';

const is = (err: unknown, status: number) => err instanceof ServiceCallError && err.status === status;
const path = (s: string) => encodeURIComponent(s);

const accountsSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      role: z.enum(['parser', 'manager', 'actor']),
      status: z.enum(['new', 'active', 'paused', 'flood_wait', 'limited', 'banned', 'stopped']),
      statusReason: z.string().nullable(),
      floodWaitUntil: z.string().nullable(),
      isReserve: z.boolean(),
      hasSession: z.boolean(),
      campaign: z
        .object({
          id: z.string(),
          status: z.enum(['draft', 'active', 'paused', 'finished']),
          type: z.string(),
        })
        .nullable(),
      lease: z.object({ holder: z.string(), expiresAt: z.string() }).nullable(),
    }),
  ),
});

const replaceSchema = z.object({
  campaignId: z.string(),
  replacement: z.object({ id: z.string() }),
  alreadyReplaced: z.boolean(),
});

/** The admin's internal account API over the typed client (internal token, timeouts, breaker). */
export class HttpAdminAccounts implements AdminAccounts {
  constructor(private readonly client: () => ServiceClient) {}

  async workerAccounts(roles: readonly WorkerRole[]): Promise<WorkerAccount[]> {
    const { data } = await this.client().get('/internal/account-workers', {
      query: { roles: roles.join(',') },
      schema: accountsSchema,
    });
    return data.items;
  }

  async markBanned(accountId: string, reason: string): Promise<void> {
    await this.client().post(`/internal/accounts/${path(accountId)}/status`, {
      json: { status: 'banned', reason: reason.slice(0, 500) },
      idempotent: true,
    });
  }

  async replace(accountId: string, reason: string): Promise<ReplaceResult> {
    try {
      const { data } = await this.client().post(`/internal/accounts/${path(accountId)}/replace`, {
        json: { reason: reason.slice(0, 500) },
        // A repeated call answers the same replacement.
        idempotent: true,
        schema: replaceSchema,
      });
      return {
        kind: 'replaced',
        replacementId: data.replacement.id,
        campaignId: data.campaignId,
        already: data.alreadyReplaced,
      };
    } catch (err) {
      if (is(err, 409)) return { kind: 'no_reserve' };
      if (is(err, 422)) return { kind: 'nothing_to_hand_over' };
      throw err;
    }
  }

  async stop(accountId: string, reason: string): Promise<void> {
    await this.client().post(`/internal/accounts/${path(accountId)}/stop`, {
      json: { reason: reason.slice(0, 500) },
      idempotent: true,
    });
  }
}
