import { sql } from '@switchyard/store';
import { newId } from '@switchyard/bus';
import type { Conn, BurstRow } from '../db';
import { dueCutoffs, type BurstPolicy } from '../domain/bursts';
import type { AlertEvent, AlertType } from '../domain/types';

/**
 * Adds an event to the open burst of its type and key, opening one when there is none; runs in
 * the transaction that marks the event handled, so a redelivery adds nothing.
 */
export async function addToBurst(
  trx: Conn,
  type: AlertType,
  key: string,
  event: AlertEvent<unknown>,
  now: Date,
): Promise<{ burstId: string; seq: number }> {
  const burst = await trx
    .insertInto('bursts')
    .values({
      id: newId(),
      type,
      group_key: key,
      status: 'open',
      opened_at: now,
      last_event_at: now,
      events_count: 1,
      closed_at: null,
      alert_id: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['type', 'group_key'])
        .where('status', '=', 'open')
        .doUpdateSet({
          events_count: sql`bursts.events_count + 1`,
          last_event_at: sql`GREATEST(bursts.last_event_at, excluded.last_event_at)`,
        }),
    )
    .returning(['id', 'events_count'])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('burst_events')
    .values({
      burst_id: burst.id,
      event_id: event.eventId,
      seq: burst.events_count,
      occurred_at: event.occurredAt,
      source: event.source,
      payload: sql`cast(${JSON.stringify(event.payload)} as jsonb)`,
    })
    .execute();
  return { burstId: burst.id, seq: burst.events_count };
}

/** Closes every open burst that is due: from now on its events are fixed and new ones open another. */
export async function closeDueBursts(db: Conn, now: Date, policy: BurstPolicy): Promise<number> {
  const { openedBefore, quietBefore } = dueCutoffs(now, policy);
  const res = await db
    .updateTable('bursts')
    .set({ status: 'closed', closed_at: now })
    .where('status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb('opened_at', '<=', openedBefore),
        eb('last_event_at', '<=', quietBefore),
        eb('events_count', '>=', policy.maxEvents),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Closed bursts waiting to become alerts, oldest first. */
export const closedBursts = (db: Conn, limit: number): Promise<BurstRow[]> =>
  db
    .selectFrom('bursts')
    .selectAll()
    .where('status', '=', 'closed')
    .orderBy('opened_at')
    .limit(limit)
    .execute();

/** The first `limit` events of a burst, in arrival order. */
export async function burstEvents(db: Conn, burstId: string, limit: number): Promise<AlertEvent<unknown>[]> {
  const rows = await db
    .selectFrom('burst_events')
    .selectAll()
    .where('burst_id', '=', burstId)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    occurredAt: new Date(r.occurred_at),
    source: r.source,
    payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload,
  }));
}

/** Marks a burst composed into `alertId`; false when another instance did it first. */
export async function markComposed(trx: Conn, burstId: string, alertId: string): Promise<boolean> {
  const res = await trx
    .updateTable('bursts')
    .set({ status: 'composed', alert_id: alertId })
    .where('id', '=', burstId)
    .where('status', '=', 'closed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Events of composed bursts are in their alert now; keeps the table small. */
export async function forgetComposedEvents(db: Conn, olderThan: Date): Promise<void> {
  await db
    .deleteFrom('burst_events')
    .where('burst_id', 'in', (eb) =>
      eb
        .selectFrom('bursts')
        .select('id')
        .where('status', '=', 'composed')
        .where('closed_at', '<', olderThan),
    )
    .execute();
  await db.deleteFrom('bursts').where('status', '=', 'composed').where('closed_at', '<', olderThan).execute();
}
