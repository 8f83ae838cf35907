import type { AccountsApi } from '@switchyard/telegram/accounts-api';
import type { Assignment } from '../domain/assignment';

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

export type { AccountStatusReport } from '@switchyard/telegram/accounts-api';

/**
 * The admin's internal API, as a parser worker uses it: the shared account API (lease refusals
 * are the platform's SessionLeaseHeld and SessionLeaseLost) and the parser's assignment.
 */
export interface ParserAdmin extends AccountsApi {
  /** The account's campaigns, keywords and chats; throws NotAParser for 404 and 409. */
  assignment(accountId: string): Promise<Assignment>;
}
