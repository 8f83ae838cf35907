import { sql, type Insertable, type Selectable, type Updateable } from '@switchyard/store';
import type { AccountsTable, Conn, Db } from '../db';
import type { AccountRole, AccountStatus } from '../domain/types';
import { containsPattern, jsonb, type Page, type PageRequest } from './common';

export type AccountRow = Selectable<AccountsTable>;
export type AccountChanges = Updateable<AccountsTable>;

export interface AccountFilter {
  status?: AccountStatus;
  role?: AccountRole;
  campaignId?: string;
  tag?: string;
  reserve?: boolean;
  q?: string;
}

const live = (db: Conn) => db.selectFrom('accounts').where('deleted_at', 'is', null);

export async function listAccounts(
  db: Db,
  filter: AccountFilter,
  page: PageRequest,
): Promise<Page<AccountRow>> {
  let q = live(db);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.role) q = q.where('role', '=', filter.role);
  if (filter.campaignId) q = q.where('campaign_id', '=', filter.campaignId);
  if (filter.tag) q = q.where(sql<boolean>`${filter.tag} = ANY(tags)`);
  if (filter.reserve !== undefined) q = q.where('is_reserve', '=', filter.reserve);
  if (filter.q) {
    const p = containsPattern(filter.q);
    q = q.where((eb) =>
      eb.or([
        eb('username', 'ilike', p),
        eb('phone', 'ilike', p),
        eb('first_name', 'ilike', p),
        eb('last_name', 'ilike', p),
      ]),
    );
  }
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), ...page };
}

export const findAccount = (db: Conn, id: string): Promise<AccountRow | undefined> =>
  live(db).selectAll().where('id', '=', id).executeTakeFirst();

export async function findAccounts(db: Conn, ids: readonly string[]): Promise<Map<string, AccountRow>> {
  if (ids.length === 0) return new Map();
  const rows = await live(db)
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The live account with this Telegram user or phone (a second sign-in refreshes it). */
export async function findAccountByIdentity(
  db: Conn,
  telegramUserId: string,
  phone: string | null,
): Promise<AccountRow | undefined> {
  const byUser = await live(db).selectAll().where('telegram_user_id', '=', telegramUserId).executeTakeFirst();
  if (byUser || !phone) return byUser;
  return live(db).selectAll().where('phone', '=', phone).executeTakeFirst();
}

export const findAccountByPhone = (db: Conn, phone: string): Promise<AccountRow | undefined> =>
  live(db).selectAll().where('phone', '=', phone).executeTakeFirst();

export async function insertAccount(db: Conn, row: Insertable<AccountsTable>): Promise<AccountRow> {
  return db
    .insertInto('accounts')
    .values({ ...row, proxy: row.proxy ? jsonb(row.proxy) : null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateAccount(
  db: Conn,
  id: string,
  changes: AccountChanges,
): Promise<AccountRow | undefined> {
  const { proxy, ...rest } = changes;
  return db
    .updateTable('accounts')
    .set({
      ...rest,
      ...(proxy === undefined ? {} : { proxy: proxy === null ? null : jsonb(proxy) }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Deleting forgets the secrets at once; the row stays for runs and the audit log. */
export async function softDeleteAccount(db: Conn, id: string): Promise<boolean> {
  const res = await db
    .updateTable('accounts')
    .set({
      deleted_at: new Date(),
      updated_at: new Date(),
      session_sealed: null,
      api_hash_sealed: null,
      proxy_secret_sealed: null,
      status: 'stopped',
    })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Flood waits that are over: the accounts become active again. Returns their ids. */
export async function endFloodWaits(db: Conn, now: Date): Promise<string[]> {
  const rows = await db
    .updateTable('accounts')
    .set({ status: 'active', flood_wait_until: null, status_reason: null, updated_at: now })
    .where('status', '=', 'flood_wait')
    .where('flood_wait_until', '<=', now)
    .where('deleted_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Counts a message sent by the account today (UTC), starting a new day when it changed. */
export async function countMessageSent(db: Conn, id: string, at: Date): Promise<void> {
  const day = at.toISOString().slice(0, 10);
  await db
    .updateTable('accounts')
    .set({
      messages_today: sql<number>`CASE WHEN counters_day = ${day} THEN messages_today + 1 ELSE 1 END`,
      contacts_today: sql<number>`CASE WHEN counters_day = ${day} THEN contacts_today ELSE 0 END`,
      counters_day: day,
    })
    .where('id', '=', id)
    .execute();
}
