import { sql, type Insertable } from '@switchyard/store';
import type { Conn, OutboundRow, OutboundTable } from '../db';

export const insertOutbound = (db: Conn, row: Insertable<OutboundTable>): Promise<OutboundRow> =>
  db.insertInto('outbound').values(row).returningAll().executeTakeFirstOrThrow();

export const findOutbound = (db: Conn, id: string): Promise<OutboundRow | undefined> =>
  db.selectFrom('outbound').selectAll().where('id', '=', id).executeTakeFirst();

export const outboundOfLead = (db: Conn, leadId: string): Promise<OutboundRow[]> =>
  db
    .selectFrom('outbound')
    .selectAll()
    .where('lead_id', '=', leadId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

/** Marks a requested message sent or failed; undefined when it was not `requested` (a redelivery). */
export const settleOutbound = (
  db: Conn,
  id: string,
  patch: Pick<
    Insertable<OutboundTable>,
    'status' | 'failure_reason' | 'failure_detail' | 'telegram_message_id' | 'sent_at'
  >,
): Promise<OutboundRow | undefined> =>
  db
    .updateTable('outbound')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .returningAll()
    .executeTakeFirst();

/**
 * Requested messages due for `olderThanMs` with no report yet, claimed for a new request (their
 * `updated_at` moves to now, so one instance takes each).
 */
export async function claimUnreported(
  db: Conn,
  input: { now: Date; olderThanMs: number; limit: number },
): Promise<(OutboundRow & { username: string | null })[]> {
  const before = new Date(input.now.getTime() - input.olderThanMs);
  const rows = await sql<OutboundRow>`
    UPDATE outbound SET updated_at = ${input.now}
    WHERE id IN (
      SELECT id FROM outbound
      WHERE status = 'requested' AND updated_at < ${before} AND not_before < ${before}
      ORDER BY updated_at LIMIT ${input.limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(db);
  if (rows.rows.length === 0) return [];
  const leads = await db
    .selectFrom('leads')
    .select(['id', 'username'])
    .where(
      'id',
      'in',
      rows.rows.map((r) => r.lead_id),
    )
    .execute();
  const usernames = new Map(leads.map((l) => [l.id, l.username]));
  return rows.rows.map((r) => ({ ...r, username: usernames.get(r.lead_id) ?? null }));
}
