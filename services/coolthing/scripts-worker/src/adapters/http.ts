import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import type { AccountCredentials } from '@switchyard/telegram';
import { AccountsApiClient } from '@switchyard/telegram/accounts-api';
import { z } from 'zod';
import {
  NoCredentials,
  runDocSchema,
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
 * Admin's shared internal account API; a session admin cannot hand out (404, 409) is
 * NoCredentials here, the run's reason to skip the account's lines.
 */
export class HttpAdminAccounts extends AccountsApiClient implements AdminAccounts {
  constructor(client: ServiceClient) {
    super(() => client, { serviceName: 'coolthing-scripts-worker' });
  }

  override async credentials(accountId: string): Promise<AccountCredentials> {
    try {
      return await super.credentials(accountId);
    } catch (err) {
      if (is(err, 404, 409)) throw new NoCredentials(accountId, (err as Error).message);
      throw err;
    }
  }
}
