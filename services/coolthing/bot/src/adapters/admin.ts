import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import type { AccountCredentials, ProxyConfig } from '@switchyard/telegram';
import { z } from 'zod';
import { LeaseHeld, LeaseLost, type AccountStatusReport, type AdminAccounts } from '../ports/admin';

const is = (err: unknown, ...statuses: number[]) =>
  err instanceof ServiceCallError && statuses.includes(err.status);
const path = (s: string) => encodeURIComponent(s);

const proxySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('socks5'),
    host: z.string(),
    port: z.number().int(),
    username: z.string().optional(),
    password: z.string().optional(),
  }),
  z.object({
    type: z.literal('http'),
    host: z.string(),
    port: z.number().int(),
    username: z.string().optional(),
    password: z.string().optional(),
    tls: z.boolean().optional(),
  }),
  z.object({ type: z.literal('mtproxy'), host: z.string(), port: z.number().int(), secret: z.string() }),
]);

const credentialsSchema = z.object({
  accountId: z.string(),
  session: z.string().min(1),
  apiId: z.coerce.number().int().nullish(),
  apiHash: z.string().nullish(),
  proxy: proxySchema.nullish(),
});

/** The admin's internal account API over the typed client (internal token, timeouts, breaker). */
export class HttpAdminAccounts implements AdminAccounts {
  constructor(private readonly client: () => ServiceClient) {}

  async credentials(accountId: string): Promise<AccountCredentials> {
    const { data } = await this.client().get(`/internal/accounts/${path(accountId)}/credentials`, {
      schema: credentialsSchema,
    });
    return {
      accountId,
      session: data.session,
      ...(data.apiId ? { apiId: data.apiId } : {}),
      ...(data.apiHash ? { apiHash: data.apiHash } : {}),
      ...(data.proxy ? { proxy: data.proxy as ProxyConfig } : {}),
    };
  }

  async lease(accountId: string, holder: string, ttlSeconds: number): Promise<void> {
    try {
      await this.client().post(`/internal/accounts/${path(accountId)}/lease`, {
        json: { holder, ttlSeconds },
        // Taking a lease again for the same holder is harmless.
        idempotent: true,
      });
    } catch (err) {
      if (is(err, 409)) throw new LeaseHeld(accountId);
      throw err;
    }
  }

  async renew(accountId: string, holder: string, ttlSeconds: number): Promise<void> {
    try {
      await this.client().post(`/internal/accounts/${path(accountId)}/lease/renew`, {
        json: { holder, ttlSeconds },
        idempotent: true,
      });
    } catch (err) {
      if (is(err, 404, 409)) throw new LeaseLost(accountId);
      throw err;
    }
  }

  async release(accountId: string, holder: string): Promise<void> {
    try {
      await this.client().delete(`/internal/accounts/${path(accountId)}/lease`, { query: { holder } });
    } catch (err) {
      if (!is(err, 404, 409)) throw err;
    }
  }

  async reportStatus(accountId: string, report: AccountStatusReport): Promise<void> {
    await this.client().post(`/internal/accounts/${path(accountId)}/status`, {
      json: {
        status: report.status,
        reason: report.reason.slice(0, 500),
        ...(report.status === 'flood_wait' ? { until: report.until.toISOString() } : {}),
      },
      headers: { 'x-service-name': 'coolthing-bot' },
      idempotent: true,
    });
  }
}
