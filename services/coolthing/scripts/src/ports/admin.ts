import type { SfcSnapshot } from '../domain/snapshot';

/** Admin's answer did not match the internal contract: retrying will not fix it. */
export class AdminContractError extends Error {
  override name = 'AdminContractError';
}

/** What this service asks admin (its internal API). */
export interface AdminRuns {
  /** The activation with its script, campaign, chats and accounts; null when admin does not know it. */
  scriptRun(sfcId: string): Promise<SfcSnapshot | null>;
}
