import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import type { AccountCredentials } from '@switchyard/telegram';
import { AccountsApiClient } from '@switchyard/telegram/accounts-api';
import { SessionLeaseHeld, SessionLeaseLost } from '@switchyard/telegram/lease';
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

/**
 * Admin's internal account API through the shared client, its refusals in the port's terms.
 * Sends no `x-service-name`, as before: the admin audits this worker's reports as `service:worker`.
 */
export class HttpAdminAccounts implements AdminAccounts {
  private readonly api: AccountsApiClient;

  constructor(client: ServiceClient) {
    this.api = new AccountsApiClient(() => client);
  }

  async credentials(accountId: string): Promise<AccountCredentials> {
    try {
      return await this.api.credentials(accountId);
    } catch (err) {
      if (is(err, 404, 409)) throw new NoCredentials(accountId, (err as Error).message);
      throw err;
    }
  }

  async lease(accountId: string, holder: string, ttlSeconds: number): Promise<void> {
    try {
      await this.api.lease(accountId, holder, ttlSeconds);
    } catch (err) {
      throw err instanceof SessionLeaseHeld ? new LeaseHeld(accountId) : err;
    }
  }

  async renew(accountId: string, holder: string, ttlSeconds: number): Promise<void> {
    try {
      await this.api.renew(accountId, holder, ttlSeconds);
    } catch (err) {
      throw err instanceof SessionLeaseLost ? new LeaseLost(accountId) : err;
    }
  }

  release(accountId: string, holder: string): Promise<void> {
    return this.api.release(accountId, holder);
  }

  reportStatus(accountId: string, report: AccountStatusReport): Promise<void> {
    return this.api.reportStatus(accountId, report);
  }
}
