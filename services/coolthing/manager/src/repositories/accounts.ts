import type { Conn } from '../db';
import type { AccountBlock } from '../domain/accounts';

export async function accountBlocks(db: Conn, ids: string[]): Promise<Map<string, AccountBlock>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('account_blocks').selectAll().where('account_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.account_id, { status: r.status, until: r.until }]));
}

/** Records what an event or a failed delivery said about an account (the newest word wins). */
export async function blockAccount(
  db: Conn,
  accountId: string,
  block: AccountBlock & { reason: string },
): Promise<void> {
  await db
    .insertInto('account_blocks')
    .values({
      account_id: accountId,
      status: block.status,
      until: block.until,
      reason: block.reason.slice(0, 500),
    })
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({
        status: block.status,
        until: block.until,
        reason: block.reason.slice(0, 500),
        at: new Date(),
      }),
    )
    .execute();
}

/** Forgets a block once the admin says the account works again (its status is newer). */
export async function clearBlock(db: Conn, accountId: string): Promise<void> {
  await db.deleteFrom('account_blocks').where('account_id', '=', accountId).execute();
}

export async function lastAssigned(db: Conn, ids: string[]): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('account_rotation').selectAll().where('account_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.account_id, r.last_assigned_at]));
}

export async function markAssigned(db: Conn, accountId: string, at: Date): Promise<void> {
  await db
    .insertInto('account_rotation')
    .values({ account_id: accountId, last_assigned_at: at })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ last_assigned_at: at }))
    .execute();
}
