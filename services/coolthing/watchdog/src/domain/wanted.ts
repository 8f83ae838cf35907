import type { WorkerAccount } from '../ports/admin';

export type Wanted =
  | { wanted: true }
  /** No worker now; `until` when the reason ends by itself (a flood wait). */
  | { wanted: false; reason: string; until?: Date };

/**
 * Whether an account should have a worker now, from the admin's fields: an account of a
 * worker role with a session, out of the reserve pool, assigned to an active campaign, and
 * able to work (active; a parser also when limited, reading is not limited; a flood wait
 * once it is over).
 */
export function accountWanted(a: WorkerAccount, now: Date): Wanted {
  if (a.role !== 'parser' && a.role !== 'manager') return { wanted: false, reason: `role ${a.role}` };
  if (!a.hasSession) return { wanted: false, reason: 'no session' };
  if (a.isReserve) return { wanted: false, reason: 'in the reserve pool' };
  if (!a.campaign) return { wanted: false, reason: 'no campaign' };
  if (a.campaign.status !== 'active') return { wanted: false, reason: `campaign ${a.campaign.status}` };
  if (a.status === 'flood_wait') {
    const until = a.floodWaitUntil ? new Date(a.floodWaitUntil) : undefined;
    if (until && until.getTime() > now.getTime()) return { wanted: false, reason: 'flood wait', until };
    return { wanted: true };
  }
  if (a.status === 'active') return { wanted: true };
  if (a.status === 'limited' && a.role === 'parser') return { wanted: true };
  return { wanted: false, reason: `account ${a.status}` };
}

/** A banned account that still holds a campaign: hand it to a reserve account. */
export function needsReplacement(a: WorkerAccount): boolean {
  return a.status === 'banned' && !a.isReserve && a.campaign !== null;
}

/**
 * A live session lease not held by the account's last worker known dead: another worker runs
 * somewhere, and a second one must not start. A dead worker's lease (its holder is what its
 * heartbeats named) does not block; any other waits for its expiry.
 */
export function leaseBlocks(a: WorkerAccount, deadHolder: string | null, now: Date): boolean {
  if (!a.lease) return false;
  if (new Date(a.lease.expiresAt).getTime() <= now.getTime()) return false;
  return a.lease.holder !== deadHolder;
}
