// Workers in other processes reach the service that owns the accounts (CoolThing's admin) for
// credentials, session leases and status reports. Every worker speaks the same routes, so the
// client is written once, here beside the local SessionLeases it mirrors. It knows only the HTTP
// shape (paths, bodies, statuses; schemas in `@switchyard/contracts/coolthing-admin`): what a
// refusal means for a worker stays in the worker.
import {
  AccountCredentialsSchema,
  type AccountStatusReportBody,
  type SessionLeaseRequest,
} from '@switchyard/contracts/coolthing-admin';
import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import { SessionLeaseHeld, SessionLeaseLost } from './lease';
import type { AccountCredentials } from './port';

/** What a worker tells the owner about an account (what Telegram told the worker). */
export type AccountStatusReport =
  | { status: 'flood_wait'; until: Date; reason: string }
  | { status: 'active' | 'limited' | 'banned'; reason: string };

/**
 * What a worker needs from the owner of its account: the session to connect with, the
 * session lease that keeps a second worker off it, and a way to report what Telegram said.
 */
export interface AccountsApi {
  /** Session, application credentials and proxy. */
  credentials(accountId: string): Promise<AccountCredentials>;
  /** Takes the session lease (or extends it for its holder); SessionLeaseHeld when another has it. */
  lease(accountId: string, holder: string, ttlSeconds: number): Promise<void>;
  /** Extends a held lease; SessionLeaseLost when it is not this holder's any more. */
  renew(accountId: string, holder: string, ttlSeconds: number): Promise<void>;
  /** Gives the lease up (a lease already gone is fine). */
  release(accountId: string, holder: string): Promise<void>;
  /** A ban, a flood wait, a limit or recovery. */
  reportStatus(accountId: string, report: AccountStatusReport): Promise<void>;
}

export interface AccountsApiOptions {
  /** Sent as `x-service-name`: the owner's audit records status changes as `service:<name>`. */
  serviceName?: string;
}

const answered = (err: unknown, ...statuses: number[]) =>
  err instanceof ServiceCallError && statuses.includes(err.status);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The owner's `/internal/accounts/{id}/...` API over a typed service client. */
export class AccountsApiClient implements AccountsApi {
  constructor(
    /** Resolved on each call, so a worker starts before the owner's URL is needed. */
    private readonly client: () => ServiceClient,
    private readonly options: AccountsApiOptions = {},
  ) {}

  private get headers(): Record<string, string> {
    return this.options.serviceName ? { 'x-service-name': this.options.serviceName } : {};
  }

  private path(accountId: string, rest: string) {
    return `/internal/accounts/${encodeURIComponent(accountId)}/${rest}`;
  }

  /** Session, application credentials and proxy; a 404 or 409 (no session) is a ServiceCallError. */
  async credentials(accountId: string): Promise<AccountCredentials> {
    const { data } = await this.client().get(this.path(accountId, 'credentials'), {
      schema: AccountCredentialsSchema,
      headers: this.headers,
    });
    return {
      accountId,
      session: data.session,
      ...(data.apiId ? { apiId: data.apiId } : {}),
      ...(data.apiHash ? { apiHash: data.apiHash } : {}),
      ...(data.proxy ? { proxy: data.proxy } : {}),
    };
  }

  /** Takes the session lease (or extends it for its holder); SessionLeaseHeld on 409. */
  async lease(accountId: string, holder: string, ttlSeconds: number): Promise<void> {
    try {
      await this.client().post(this.path(accountId, 'lease'), {
        json: { holder, ttlSeconds } satisfies SessionLeaseRequest,
        headers: this.headers,
        // Taking a lease again for the same holder is harmless.
        idempotent: true,
      });
    } catch (err) {
      if (!answered(err, 409)) throw err;
      const problem = (err as ServiceCallError).problem;
      const until = text(problem?.expiresAt);
      throw new SessionLeaseHeld(
        accountId,
        text(problem?.holder) ?? 'unknown',
        until ? new Date(until) : new Date(),
      );
    }
  }

  /** Extends a held lease; SessionLeaseLost when it is gone (404) or another holder has it (409). */
  async renew(accountId: string, holder: string, ttlSeconds: number): Promise<void> {
    try {
      await this.client().post(this.path(accountId, 'lease/renew'), {
        json: { holder, ttlSeconds } satisfies SessionLeaseRequest,
        headers: this.headers,
        idempotent: true,
      });
    } catch (err) {
      if (answered(err, 404, 409)) throw new SessionLeaseLost(accountId, holder);
      throw err;
    }
  }

  /** Gives the lease up; one this holder does not have (404, 409) is already given up. */
  async release(accountId: string, holder: string): Promise<void> {
    try {
      await this.client().delete(this.path(accountId, 'lease'), { query: { holder }, headers: this.headers });
    } catch (err) {
      if (!answered(err, 404, 409)) throw err;
    }
  }

  /** Reports a ban, a flood wait, a limit or recovery; the reason is cut to the 500 characters the owner keeps. */
  async reportStatus(accountId: string, report: AccountStatusReport): Promise<void> {
    const body: AccountStatusReportBody = {
      status: report.status,
      reason: report.reason.slice(0, 500),
      ...(report.status === 'flood_wait' ? { until: report.until.toISOString() } : {}),
    };
    await this.client().post(this.path(accountId, 'status'), {
      json: body,
      headers: this.headers,
      idempotent: true,
    });
  }
}
