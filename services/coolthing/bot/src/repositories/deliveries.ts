import type { Insertable, Updateable } from '@switchyard/store';
import type { Conn, DeliveriesTable, DeliveryRow } from '../db';

/** Stores a requested message once (a redelivered request changes nothing). */
export const addDelivery = (db: Conn, row: Insertable<DeliveriesTable>): Promise<DeliveryRow | undefined> =>
  db
    .insertInto('deliveries')
    .values(row)
    .onConflict((oc) => oc.column('outbound_id').doNothing())
    .returningAll()
    .executeTakeFirst();

/** The account's pending messages, soonest first. */
export const pendingOf = (db: Conn, accountId: string, limit: number): Promise<DeliveryRow[]> =>
  db
    .selectFrom('deliveries')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('state', '=', 'pending')
    .orderBy('not_before')
    .orderBy('outbound_id')
    .limit(limit)
    .execute();

/** Moves a delivery from one state to another; undefined when it was not in `from` any more. */
export const transition = (
  db: Conn,
  id: string,
  from: DeliveryRow['state'],
  patch: Updateable<DeliveriesTable>,
): Promise<DeliveryRow | undefined> =>
  db
    .updateTable('deliveries')
    .set({ ...patch, updated_at: new Date() })
    .where('outbound_id', '=', id)
    .where('state', '=', from)
    .returningAll()
    .executeTakeFirst();

/** Sends a previous worker of this account started and never confirmed. */
export const unconfirmedOf = (db: Conn, accountId: string): Promise<DeliveryRow[]> =>
  db
    .selectFrom('deliveries')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('state', '=', 'sending')
    .execute();

export async function lastSent(
  db: Conn,
  accountId: string,
): Promise<{ any: Date | null; offer: Date | null }> {
  const row = await db
    .selectFrom('account_pacing')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return { any: row?.last_sent_at ?? null, offer: row?.last_offer_at ?? null };
}

export async function noteSent(db: Conn, accountId: string, at: Date, offer: boolean): Promise<void> {
  await db
    .insertInto('account_pacing')
    .values({ account_id: accountId, last_sent_at: at, last_offer_at: offer ? at : null })
    .onConflict((oc) =>
      oc
        .column('account_id')
        .doUpdateSet(offer ? { last_sent_at: at, last_offer_at: at } : { last_sent_at: at }),
    )
    .execute();
}
