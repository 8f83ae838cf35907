// Which manager account writes to a lead: round-robin among the eligible ones.
import { AccountStatusSchema } from '@switchyard/contracts/coolthing-admin';

/** Declared once with the admin's internal API (`@switchyard/contracts/coolthing-admin`). */
export const ACCOUNT_STATUSES = AccountStatusSchema.options;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export interface ManagerAccount {
  id: string;
  status: AccountStatus;
  warmupStage: number;
  floodWaitUntil: Date | null;
  isReserve: boolean;
}

/** What this service learnt from events and failed deliveries (bans, limits, flood waits), until `until`. */
export interface AccountBlock {
  status: 'banned' | 'flood_wait' | 'limited';
  until: Date | null;
}

/** Bans and limits learnt from events hold until the admin's account status (read with the campaign) has surely caught up. */
export const BLOCK_MS = 60 * 60_000;

/** Why an account may not write now, or null when it may. */
export function ineligibility(
  account: ManagerAccount,
  block: AccountBlock | undefined,
  now: Date,
): string | null {
  if (block && (!block.until || block.until > now)) return block.status;
  if (account.status === 'flood_wait') {
    // The admin ends flood waits on a timer; past `until` the account works again.
    return account.floodWaitUntil && account.floodWaitUntil <= now ? null : 'flood_wait';
  }
  return account.status === 'active' ? null : account.status;
}

/**
 * Eligible accounts in the order to try them: regular before reserve, then the one that waited
 * longest since its last assignment (never assigned first), then by id.
 */
export function rotationOrder(
  accounts: ManagerAccount[],
  options: {
    now: Date;
    blocks: ReadonlyMap<string, AccountBlock>;
    lastAssigned: ReadonlyMap<string, Date>;
    exclude?: ReadonlySet<string>;
  },
): ManagerAccount[] {
  const time = (id: string) => options.lastAssigned.get(id)?.getTime() ?? -Infinity;
  return accounts
    .filter((a) => !options.exclude?.has(a.id))
    .filter((a) => ineligibility(a, options.blocks.get(a.id), options.now) === null)
    .sort(
      (a, b) =>
        Number(a.isReserve) - Number(b.isReserve) || time(a.id) - time(b.id) || a.id.localeCompare(b.id),
    );
}
