import type { Insertable } from '@switchyard/store';
import type { Conn, MessageRow, MessagesTable } from '../db';

/** Adds a message; for an inbound one already stored (a redelivery), returns undefined. */
export async function addMessage(db: Conn, row: Insertable<MessagesTable>): Promise<MessageRow | undefined> {
  let q = db.insertInto('messages').values(row);
  if (row.direction === 'in')
    q = q.onConflict((oc) =>
      oc.columns(['lead_id', 'telegram_message_id']).where('direction', '=', 'in').doNothing(),
    );
  else q = q.onConflict((oc) => oc.column('outbound_id').doNothing());
  return q.returningAll().executeTakeFirst();
}

/** The whole conversation, oldest first (by time, then arrival). */
export const conversation = (db: Conn, leadId: string, limit = 500): Promise<MessageRow[]> =>
  db
    .selectFrom('messages')
    .selectAll()
    .where('lead_id', '=', leadId)
    .orderBy('at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();

/** The last `limit` messages, oldest first: the newest are chosen by time, then put back in order. */
export async function recentHistory(db: Conn, leadId: string, limit: number): Promise<MessageRow[]> {
  const newest = await db
    .selectFrom('messages')
    .selectAll()
    .where('lead_id', '=', leadId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return newest.reverse();
}
