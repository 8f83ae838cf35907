import { ParserAssignmentSchema } from '@switchyard/contracts/coolthing-admin';
import { ServiceCallError, type ServiceClient } from '@switchyard/http';
import type { AccountCredentials } from '@switchyard/telegram';
import { AccountsApiClient } from '@switchyard/telegram/accounts-api';
import { SessionLeaseHeld, SessionLeaseLost } from '@switchyard/telegram/lease';
import type { Assignment } from '../domain/assignment';
import { LeaseHeld, LeaseLost, NotAParser, type AccountStatusReport, type ParserAdmin } from '../ports/admin';

const answered = (err: unknown, status: number) => err instanceof ServiceCallError && err.status === status;

/**
 * The admin's internal account API through the shared client (its lease refusals in the port's
 * terms), and the parser assignment only this service reads.
 */
export class HttpParserAdmin implements ParserAdmin {
  private readonly api: AccountsApiClient;

  constructor(private readonly client: () => ServiceClient) {
    this.api = new AccountsApiClient(client, { serviceName: 'coolthing-parser' });
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

  async assignment(accountId: string): Promise<Assignment> {
    try {
      const { data } = await this.client().get(
        `/internal/parser-assignments/${encodeURIComponent(accountId)}`,
        {
          schema: ParserAssignmentSchema,
        },
      );
      return data;
    } catch (err) {
      if (answered(err, 404)) throw new NotAParser(accountId, 'the admin does not know the account');
      if (answered(err, 409)) throw new NotAParser(accountId, 'the account is not a parser account');
      throw err;
    }
  }
}
