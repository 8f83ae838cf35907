// What the long-running account workers and their watchdog read and change: the accounts to
// supervise (with their live session lease), a parser account's share of its campaign's chats,
// replacing a banned account from the reserve pool, and stopping an account that keeps crashing.
import { sql } from '@switchyard/store';
import type { Conn, Db } from '../db';
import type { Actor } from '../domain/audit';
import type { AccountRole, AccountStatus, CampaignStatus, CampaignType } from '../domain/types';
import { findAccount, type AccountRow } from './accounts';
import { recordAudit } from './audit';
import type { CampaignRow } from './campaigns';
import type { ChatRow } from './chats';

export interface WorkerAccountRow {
  id: string;
  role: AccountRole;
  status: AccountStatus;
  status_reason: string | null;
  flood_wait_until: Date | null;
  is_reserve: boolean;
  has_session: boolean;
  telegram_user_id: string | null;
  campaign_id: string | null;
  campaign_status: CampaignStatus | null;
  campaign_type: CampaignType | null;
  lease_holder: string | null;
  lease_expires_at: Date | null;
}

/** Most accounts one listing returns (far more than a deployment runs). */
export const MAX_WORKER_ACCOUNTS = 5000;

/** Live accounts of `roles` with their campaign's status and the session lease, if one is live. */
export async function listWorkerAccounts(db: Db, roles: readonly AccountRole[]): Promise<WorkerAccountRow[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('accounts as a')
    .leftJoin('campaigns as c', (j) => j.onRef('c.id', '=', 'a.campaign_id').on('c.deleted_at', 'is', null))
    .leftJoin('telegram_session_leases as l', (j) =>
      j.onRef('l.account_id', '=', 'a.id').on('l.expires_at', '>', sql<Date>`now()`),
    )
    .where('a.deleted_at', 'is', null)
    .where('a.role', 'in', [...roles])
    .select([
      'a.id',
      'a.role',
      'a.status',
      'a.status_reason',
      'a.flood_wait_until',
      'a.is_reserve',
      sql<boolean>`a.session_sealed IS NOT NULL`.as('has_session'),
      'a.telegram_user_id',
      'c.id as campaign_id',
      'c.status as campaign_status',
      'c.type as campaign_type',
      'l.holder as lease_holder',
      'l.expires_at as lease_expires_at',
    ])
    .orderBy('a.id')
    .limit(MAX_WORKER_ACCOUNTS)
    .execute();
  return rows.map((r) => ({ ...r, has_session: Boolean(r.has_session) }));
}

/**
 * Parser accounts of a campaign that can watch chats now: active (or limited: reading is not
 * limited), or in a flood wait that is over; not in the reserve pool; with a session.
 */
export async function availableParserAccounts(conn: Conn, campaignId: string, now: Date): Promise<string[]> {
  const rows = await conn
    .selectFrom('accounts')
    .select('id')
    .where('deleted_at', 'is', null)
    .where('role', '=', 'parser')
    .where('campaign_id', '=', campaignId)
    .where('is_reserve', '=', false)
    .where('session_sealed', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['active', 'limited']),
        eb.and([eb('status', '=', 'flood_wait'), eb('flood_wait_until', '<=', now)]),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The live, active parser campaign `campaignId`, or undefined. */
export const activeParserCampaign = (conn: Conn, campaignId: string): Promise<CampaignRow | undefined> =>
  conn
    .selectFrom('campaigns')
    .selectAll()
    .where('id', '=', campaignId)
    .where('deleted_at', 'is', null)
    .where('type', '=', 'parser')
    .where('status', '=', 'active')
    .executeTakeFirst();

/** Live registry chats by id, in the order asked. */
export async function liveChats(conn: Conn, ids: readonly string[]): Promise<ChatRow[]> {
  if (ids.length === 0) return [];
  const rows = await conn
    .selectFrom('chats')
    .selectAll()
    .where('id', 'in', [...ids])
    .where('deleted_at', 'is', null)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Telegram user ids of every live account (their messages are never leads). */
export async function knownAccountUserIds(conn: Conn): Promise<string[]> {
  const rows = await conn
    .selectFrom('accounts')
    .select('telegram_user_id')
    .where('deleted_at', 'is', null)
    .where('telegram_user_id', 'is not', null)
    .orderBy('telegram_user_id')
    .execute();
  return rows.flatMap((r) => (r.telegram_user_id ? [r.telegram_user_id] : []));
}

export type ReplaceOutcome =
  | { kind: 'replaced'; replacement: AccountRow; campaignId: string; already: boolean }
  | { kind: 'not_found' }
  | { kind: 'no_assignment' }
  | { kind: 'no_reserve'; campaignId: string };

/** The account that took over from `accountId` earlier, per the audit log. */
async function earlierReplacement(conn: Conn, accountId: string) {
  const row = await conn
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'account.replaced')
    .where('entity_type', '=', 'account')
    .where('entity_id', '=', accountId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const details = row?.details as { replacedBy?: unknown; campaignId?: unknown } | undefined;
  return typeof details?.replacedBy === 'string' && typeof details.campaignId === 'string'
    ? { replacedBy: details.replacedBy, campaignId: details.campaignId }
    : undefined;
}

/**
 * In the caller's transaction: picks the oldest active reserve account of the same role (with a
 * session), moves the campaign assignment to it and takes it out of the reserve pool. Asking
 * again for an account already replaced answers the same replacement (a retried call).
 */
export async function replaceFromReserve(
  trx: Conn,
  actor: Actor,
  accountId: string,
  reason: string | null,
): Promise<ReplaceOutcome> {
  const old = await trx
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', accountId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!old) return { kind: 'not_found' };
  if (!old.campaign_id) {
    const earlier = await earlierReplacement(trx, accountId);
    const replacement = earlier ? await findAccount(trx, earlier.replacedBy) : undefined;
    return earlier && replacement
      ? { kind: 'replaced', replacement, campaignId: earlier.campaignId, already: true }
      : { kind: 'no_assignment' };
  }
  const campaignId = old.campaign_id;
  const reserve = await trx
    .selectFrom('accounts')
    .select('id')
    .where('deleted_at', 'is', null)
    .where('id', '!=', accountId)
    .where('role', '=', old.role)
    .where('status', '=', 'active')
    .where('is_reserve', '=', true)
    .where('session_sealed', 'is not', null)
    // A reserve kept for this very campaign first, then the oldest.
    .orderBy(sql`(campaign_id IS NOT DISTINCT FROM ${campaignId})`, 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!reserve) return { kind: 'no_reserve', campaignId };
  const now = new Date();
  const replacement = await trx
    .updateTable('accounts')
    .set({ is_reserve: false, campaign_id: campaignId, updated_at: now })
    .where('id', '=', reserve.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.updateTable('accounts').set({ campaign_id: null, updated_at: now }).where('id', '=', accountId).execute();
  await recordAudit(trx, actor, {
    action: 'account.replaced',
    entityType: 'account',
    entityId: accountId,
    details: { replacedBy: reserve.id, campaignId, ...(reason ? { reason: reason.slice(0, 200) } : {}) },
  });
  await recordAudit(trx, actor, {
    action: 'account.took_over',
    entityType: 'account',
    entityId: reserve.id,
    details: { replaced: accountId, campaignId },
  });
  return { kind: 'replaced', replacement, campaignId, already: false };
}

/**
 * In the caller's transaction: the account is `stopped` with the reason (a worker that keeps
 * crashing). A banned account stays banned; an account already stopped is left as it is.
 */
export async function stopAccount(
  trx: Conn,
  actor: Actor,
  accountId: string,
  reason: string,
): Promise<{ changed: boolean; account: AccountRow } | null> {
  const current = await findAccount(trx, accountId);
  if (!current) return null;
  if (current.status === 'banned' || current.status === 'stopped') return { changed: false, account: current };
  const account = await trx
    .updateTable('accounts')
    .set({ status: 'stopped', status_reason: reason.slice(0, 500), flood_wait_until: null, updated_at: new Date() })
    .where('id', '=', accountId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, {
    action: 'account.stopped',
    entityType: 'account',
    entityId: accountId,
    details: { from: current.status, reason: reason.slice(0, 200) },
  });
  return { changed: true, account };
}
