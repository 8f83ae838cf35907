import type { ServiceClient } from '@switchyard/http';
import type { AccountCredentials } from '@switchyard/telegram';
import { AccountsApiClient } from '@switchyard/telegram/accounts-api';
import { SessionLeaseHeld, SessionLeaseLost } from '@switchyard/telegram/lease';
import { LeaseHeld, LeaseLost, type AccountStatusReport, type AdminAccounts } from '../ports/admin';

/** The admin's internal account API through the shared client, its lease refusals in the port's terms. */
export class HttpAdminAccounts implements AdminAccounts {
  private readonly api: AccountsApiClient;

  constructor(client: () => ServiceClient) {
    this.api = new AccountsApiClient(client, { serviceName: 'coolthing-bot' });
  }

  credentials(accountId: string): Promise<AccountCredentials> {
    return this.api.credentials(accountId);
  }

  async lease(accountId: string, holder: string, ttlSeconds: number): Promise<void> {
    try {
      await this.api.acquireLease(accountId, holder, ttlSeconds);
    } catch (err) {
      throw err instanceof SessionLeaseHeld ? new LeaseHeld(accountId) : err;
    }
  }

  async renew(accountId: string, holder: string, ttlSeconds: number): Promise<void> {
    try {
      await this.api.renewLease(accountId, holder, ttlSeconds);
    } catch (err) {
      throw err instanceof SessionLeaseLost ? new LeaseLost(accountId) : err;
    }
  }

  release(accountId: string, holder: string): Promise<void> {
    return this.api.releaseLease(accountId, holder);
  }

  reportStatus(accountId: string, report: AccountStatusReport): Promise<void> {
    return this.api.reportStatus(accountId, report);
  }
}
