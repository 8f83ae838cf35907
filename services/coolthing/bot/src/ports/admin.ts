import type { AccountCredentials } from '@switchyard/telegram';

/** Another live worker holds the account's session lease. */
export class LeaseHeld extends Error {
  override name = 'LeaseHeld';
  constructor(readonly accountId: string) {
    super(`the session lease of account ${accountId} is held by another worker`);
  }
}

/** This worker's lease ran out and was taken: stop using the session at once. */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
  constructor(readonly accountId: string) {
    super(`the session lease of account ${accountId} was lost`);
  }
}

export type AccountStatusReport =
  | { status: 'active'; reason: string }
  | { status: 'flood_wait'; until: Date; reason: string }
  | { status: 'limited'; reason: string }
  | { status: 'banned'; reason: string };

/** The admin's internal account API, as a worker uses it. */
export interface AdminAccounts {
  credentials(accountId: string): Promise<AccountCredentials>;
  lease(accountId: string, holder: string, ttlSeconds: number): Promise<void>;
  renew(accountId: string, holder: string, ttlSeconds: number): Promise<void>;
  release(accountId: string, holder: string): Promise<void>;
  reportStatus(accountId: string, report: AccountStatusReport): Promise<void>;
}
