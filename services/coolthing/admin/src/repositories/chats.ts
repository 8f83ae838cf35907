import { sql, type Insertable, type Selectable, type Updateable } from '@switchyard/store';
import type { ChatsTable, Conn, Db } from '../db';
import type { ChatKind, ChatPermission } from '../domain/types';
import { containsPattern, type Page, type PageRequest } from './common';

export type ChatRow = Selectable<ChatsTable>;

export interface ChatFilter {
  permission?: ChatPermission;
  kind?: ChatKind;
  language?: string;
  tag?: string;
  q?: string;
}

const live = (db: Conn) => db.selectFrom('chats').where('deleted_at', 'is', null);

export async function listChats(db: Db, filter: ChatFilter, page: PageRequest): Promise<Page<ChatRow>> {
  let q = live(db);
  if (filter.permission) q = q.where('permission', '=', filter.permission);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.language) q = q.where('language', '=', filter.language);
  if (filter.tag) q = q.where(sql<boolean>`${filter.tag} = ANY(tags)`);
  if (filter.q) {
    const p = containsPattern(filter.q);
    q = q.where((eb) => eb.or([eb('title', 'ilike', p), eb('username', 'ilike', p), eb('link', 'ilike', p)]));
  }
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), ...page };
}

export const findChat = (db: Conn, id: string): Promise<ChatRow | undefined> =>
  live(db).selectAll().where('id', '=', id).executeTakeFirst();

export async function findChats(db: Conn, ids: readonly string[]): Promise<Map<string, ChatRow>> {
  if (ids.length === 0) return new Map();
  const rows = await live(db)
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export const findChatByTelegramId = (db: Conn, telegramId: string): Promise<ChatRow | undefined> =>
  live(db).selectAll().where('telegram_id', '=', telegramId).executeTakeFirst();

export const insertChat = (db: Conn, row: Insertable<ChatsTable>): Promise<ChatRow> =>
  db.insertInto('chats').values(row).returningAll().executeTakeFirstOrThrow();

export const updateChat = (
  db: Conn,
  id: string,
  changes: Updateable<ChatsTable>,
): Promise<ChatRow | undefined> =>
  db
    .updateTable('chats')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

export async function softDeleteChat(db: Conn, id: string): Promise<boolean> {
  const res = await db
    .updateTable('chats')
    .set({ deleted_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
