import type { Insertable } from '@switchyard/store';
import type { Conn, SuppressionRow, SuppressionsTable } from '../db';

/** The entry that forbids contacting this user (by id, or by username), if any. */
export async function suppressionOf(
  db: Conn,
  user: { userId: string; username: string | null },
): Promise<SuppressionRow | undefined> {
  return db
    .selectFrom('suppressions')
    .selectAll()
    .where((eb) =>
      user.username
        ? eb.or([
            eb('user_id', '=', user.userId),
            eb(eb.fn('lower', ['username']), '=', user.username.toLowerCase()),
          ])
        : eb('user_id', '=', user.userId),
    )
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
}

/** Adds an entry; an existing one for the same user id or username is kept (and returned). */
export async function addSuppression(
  db: Conn,
  row: Insertable<SuppressionsTable>,
): Promise<{ row: SuppressionRow; created: boolean }> {
  const inserted = await db
    .insertInto('suppressions')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const existing = await suppressionOf(db, { userId: row.user_id ?? '', username: row.username ?? null });
  if (!existing) throw new Error('suppression conflict without a matching entry');
  return { row: existing, created: false };
}

export const findSuppression = (db: Conn, id: string): Promise<SuppressionRow | undefined> =>
  db.selectFrom('suppressions').selectAll().where('id', '=', id).executeTakeFirst();

export const deleteSuppression = (db: Conn, id: string): Promise<SuppressionRow | undefined> =>
  db.deleteFrom('suppressions').where('id', '=', id).returningAll().executeTakeFirst();

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listSuppressions(
  db: Conn,
  filter: { source?: 'opt_out' | 'operator'; q?: string },
  page: { limit: number; after?: string },
): Promise<SuppressionRow[]> {
  let q = db.selectFrom('suppressions').selectAll();
  if (filter.source) q = q.where('source', '=', filter.source);
  if (filter.q) {
    const p = likePattern(filter.q);
    q = q.where((eb) =>
      eb.or([eb('user_id', 'ilike', p), eb('username', 'ilike', p), eb('reason', 'ilike', p)]),
    );
  }
  if (page.after) q = q.where('id', '<', page.after);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}
