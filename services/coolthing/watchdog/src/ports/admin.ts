import type { WorkerRole } from '../db';

/** One account as the admin lists it for the watchdog (`GET /internal/account-workers`). */
export interface WorkerAccount {
  id: string;
  role: WorkerRole | 'actor';
  status: 'new' | 'active' | 'paused' | 'flood_wait' | 'limited' | 'banned' | 'stopped';
  statusReason: string | null;
  floodWaitUntil: string | null;
  isReserve: boolean;
  hasSession: boolean;
  campaign: { id: string; status: 'draft' | 'active' | 'paused' | 'finished'; type: string } | null;
  /** A worker somewhere holds the account's session now. */
  lease: { holder: string; expiresAt: string } | null;
}

export type ReplaceResult =
  | { kind: 'replaced'; replacementId: string; campaignId: string; already: boolean }
  /** The reserve pool has no active account of this role. */
  | { kind: 'no_reserve' }
  /** The account has no campaign (and was never replaced): nothing to hand over. */
  | { kind: 'nothing_to_hand_over' };

/** What the watchdog asks of the admin (its internal API). */
export interface AdminAccounts {
  workerAccounts(roles: readonly WorkerRole[]): Promise<WorkerAccount[]>;
  /** Marks the account banned (idempotent). */
  markBanned(accountId: string, reason: string): Promise<void>;
  /** Moves its campaign to a reserve account of the same role (a repeated call answers the same). */
  replace(accountId: string, reason: string): Promise<ReplaceResult>;
  /** Gives up on an account whose worker keeps crashing: it becomes `stopped` with the reason. */
  stop(accountId: string, reason: string): Promise<void>;
}
