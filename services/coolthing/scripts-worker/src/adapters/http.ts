import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import type { AccountCredentials, ProxyConfig } from '@switchyard/telegram';
import { z } from 'zod';
import {
  LeaseHeld,
  LeaseLost,
  NoCredentials,
  runDocSchema,
  type AccountStatusReport,
  type AdminAccounts,
  type ControlAction,
  type ControlSource,
  type PlanSource,
  type RunDoc,
} from '../ports/run-services';

const is = (err: unknown, ...statuses: number[]) =>
  err instanceof ServiceCallError && statuses.includes(err.status);
const path = (s: string) => encodeURIComponent(s);

/** The scripts service's internal API. */
export class HttpPlanSource implements PlanSource {
  constructor(private readonly client: ServiceClient) {}

  async plan(runId: string): Promise<RunDoc | null> {
    try {
      const res = await this.client.get(`/internal/runs/${path(runId)}/plan`, { schema: runDocSchema });
      return res.data;
    } catch (err) {
      if (is(err, 404)) return null;
      throw err;
    }
  }
}

const controlSchema = z.object({ control: z.enum(['run', 'pause', 'stop']) });

/** The watchdog's internal API. */
export class HttpControlSource implements ControlSource {
  constructor(private readonly client: ServiceClient) {}

  async control(runId: string): Promise<ControlAction | null> {
    try {
      return (await this.client.get(`/internal/runs/${path(runId)}/control`, { schema: controlSchema })).data
        .control;
    } catch (err) {
      if (is(err, 404)) return null;
      throw err;
    }
  }
}

const proxySchema = z.union([
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

/** Admin's internal account API: credentials, session leases, status reports. */
export class HttpAdminAccounts implements AdminAccounts {
  constructor(private readonly client: ServiceClient) {}

  async credentials(accountId: string): Promise<AccountCredentials> {
    let data;
    try {
      ({ data } = await this.client.get(`/internal/accounts/${path(accountId)}/credentials`, {
        schema: credentialsSchema,
      }));
    } catch (err) {
      if (is(err, 404, 409)) throw new NoCredentials(accountId, (err as Error).message);
      throw err;
    }
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
      await this.client.post(`/internal/accounts/${path(accountId)}/lease`, {
        json: { holder, ttlSeconds },
        // Taking a lease again for the same holder is harmless.
        idempotent: true,
      });
    } catch (err) {
      if (is(err, 409, 423)) throw new LeaseHeld(accountId);
      throw err;
    }
  }

  async renew(accountId: string, holder: string, ttlSeconds: number): Promise<void> {
    try {
      await this.client.post(`/internal/accounts/${path(accountId)}/lease/renew`, {
        json: { holder, ttlSeconds },
        idempotent: true,
      });
    } catch (err) {
      if (is(err, 404, 409, 410)) throw new LeaseLost(accountId);
      throw err;
    }
  }

  async release(accountId: string, holder: string): Promise<void> {
    try {
      await this.client.delete(`/internal/accounts/${path(accountId)}/lease`, { query: { holder } });
    } catch (err) {
      if (!is(err, 404, 409)) throw err;
    }
  }

  async reportStatus(accountId: string, report: AccountStatusReport): Promise<void> {
    await this.client.post(`/internal/accounts/${path(accountId)}/status`, {
      json: {
        status: report.status,
        reason: report.reason.slice(0, 500),
        ...(report.status === 'flood_wait' ? { until: report.until.toISOString() } : {}),
      },
      idempotent: true,
    });
  }
}
