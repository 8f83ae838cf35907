import type { AccountCredentials } from '@switchyard/telegram';
import type { Assignment } from '../domain/assignment';

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

/** The admin no longer knows the account as a parser (deleted, or its role changed). */
export class NotAParser extends Error {
  override name = 'NotAParser';
  constructor(
    readonly accountId: string,
    why: string,
  ) {
    super(`account ${accountId} has no parser assignment: ${why}`);
  }
}

export type AccountStatusReport =
  | { status: 'active'; reason: string }
  | { status: 'flood_wait'; until: Date; reason: string }
  | { status: 'banned'; reason: string };

/** The admin's internal API, as a parser worker uses it. */
export interface ParserAdmin {
  credentials(accountId: string): Promise<AccountCredentials>;
  lease(accountId: string, holder: string, ttlSeconds: number): Promise<void>;
  renew(accountId: string, holder: string, ttlSeconds: number): Promise<void>;
  release(accountId: string, holder: string): Promise<void>;
  reportStatus(accountId: string, report: AccountStatusReport): Promise<void>;
  /** The account's campaigns, keywords and chats; throws NotAParser for 404 and 409. */
  assignment(accountId: string): Promise<Assignment>;
}
