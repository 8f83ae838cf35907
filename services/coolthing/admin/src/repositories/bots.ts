import type { Insertable, Selectable, Updateable } from '@switchyard/store';
import type { Conn, Db, NotificationBotsTable } from '../db';
import { containsPattern, type Page, type PageRequest } from './common';

export type BotRow = Selectable<NotificationBotsTable>;

const live = (db: Conn) => db.selectFrom('notification_bots').where('deleted_at', 'is', null);

export async function listBots(
  db: Db,
  filter: { q?: string; enabled?: boolean },
  page: PageRequest,
): Promise<Page<BotRow>> {
  let q = live(db);
  if (filter.q) q = q.where('name', 'ilike', containsPattern(filter.q));
  if (filter.enabled !== undefined) q = q.where('enabled', '=', filter.enabled);
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), ...page };
}

export const allEnabledBots = (db: Conn): Promise<BotRow[]> =>
  live(db).selectAll().where('enabled', '=', true).orderBy('id').limit(100).execute();

export const findBot = (db: Conn, id: string): Promise<BotRow | undefined> =>
  live(db).selectAll().where('id', '=', id).executeTakeFirst();

export const insertBot = (db: Conn, row: Insertable<NotificationBotsTable>): Promise<BotRow> =>
  db.insertInto('notification_bots').values(row).returningAll().executeTakeFirstOrThrow();

export const updateBot = (
  db: Conn,
  id: string,
  changes: Updateable<NotificationBotsTable>,
): Promise<BotRow | undefined> =>
  db
    .updateTable('notification_bots')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

export async function softDeleteBot(db: Conn, id: string): Promise<boolean> {
  const res = await db
    .updateTable('notification_bots')
    .set({ deleted_at: new Date(), enabled: false })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
