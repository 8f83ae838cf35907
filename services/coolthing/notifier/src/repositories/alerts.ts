import { sql } from '@switchyard/store';
import type { AlertRow, AlertTarget, Conn, DeliveryRow } from '../db';
import type { AlertStatus, AlertType, Locale, Severity } from '../domain/types';

export interface NewAlert {
  id: string;
  type: AlertType;
  severity: Severity;
  textRu: string;
  textEn: string;
  sourceEventIds: string[];
  eventsCount: number;
  groupKey: string | null;
  target: AlertTarget | null;
  createdBy: string | null;
  createdAt: Date;
}

export async function insertAlert(trx: Conn, a: NewAlert): Promise<AlertRow> {
  return trx
    .insertInto('alerts')
    .values({
      id: a.id,
      type: a.type,
      severity: a.severity,
      text_ru: a.textRu,
      text_en: a.textEn,
      source_event_ids: a.sourceEventIds.slice(0, 100),
      events_count: a.eventsCount,
      group_key: a.groupKey,
      target: a.target ? sql`cast(${JSON.stringify(a.target)} as jsonb)` : null,
      status: 'pending',
      attempts: 0,
      last_error: null,
      created_by: a.createdBy,
      created_at: a.createdAt,
      updated_at: a.createdAt,
      delivered_at: null,
      acknowledged_at: null,
      acknowledged_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findAlert = (db: Conn, id: string): Promise<AlertRow | undefined> =>
  db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();

export const deliveriesOf = (db: Conn, alertIds: readonly string[]): Promise<DeliveryRow[]> =>
  alertIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('alert_deliveries')
        .selectAll()
        .where('alert_id', 'in', [...alertIds])
        .orderBy('alert_id')
        .orderBy('bot_id')
        .orderBy('chat_id')
        .execute();

export interface AlertFilter {
  types?: AlertType[];
  severities?: Severity[];
  statuses?: AlertStatus[];
  acknowledged?: boolean;
  from?: Date;
  to?: Date;
  /** Keyset: rows strictly older than this (created_at, id). */
  before?: { createdAt: Date; id: string };
}

/** Newest first; one row more than `limit` tells whether there is a next page. */
export async function listAlerts(db: Conn, f: AlertFilter, limit: number): Promise<AlertRow[]> {
  let q = db.selectFrom('alerts').selectAll();
  if (f.types?.length) q = q.where('type', 'in', f.types);
  if (f.severities?.length) q = q.where('severity', 'in', f.severities);
  if (f.statuses?.length) q = q.where('status', 'in', f.statuses);
  if (f.acknowledged !== undefined) q = q.where('acknowledged_at', f.acknowledged ? 'is not' : 'is', null);
  if (f.from) q = q.where('created_at', '>=', f.from);
  if (f.to) q = q.where('created_at', '<', f.to);
  const before = f.before;
  if (before)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', before.createdAt),
        eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
      ]),
    );
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function acknowledge(db: Conn, id: string, by: string, at: Date): Promise<AlertRow | undefined> {
  await db
    .updateTable('alerts')
    .set({ acknowledged_at: at, acknowledged_by: by, updated_at: at })
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .execute();
  return findAlert(db, id);
}

/** The chats an alert goes to; existing rows (and what was sent) are kept. */
export async function ensureDeliveries(
  db: Conn,
  alertId: string,
  targets: readonly { botId: string; chatId: string; locale: Locale }[],
  now: Date,
): Promise<void> {
  if (targets.length === 0) return;
  await db
    .insertInto('alert_deliveries')
    .values(
      targets.map((t) => ({
        alert_id: alertId,
        bot_id: t.botId,
        chat_id: t.chatId,
        locale: t.locale,
        status: 'pending' as const,
        attempts: 0,
        telegram_message_id: null,
        last_error: null,
        sent_at: null,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['alert_id', 'bot_id', 'chat_id']).doNothing())
    .execute();
}

export async function recordSent(
  db: Conn,
  key: { alertId: string; botId: string; chatId: string },
  messageId: number,
  at: Date,
): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set({
      status: 'sent',
      attempts: sql`attempts + 1`,
      telegram_message_id: messageId,
      last_error: null,
      sent_at: at,
      updated_at: at,
    })
    .where('alert_id', '=', key.alertId)
    .where('bot_id', '=', key.botId)
    .where('chat_id', '=', key.chatId)
    .execute();
}

export async function recordFailed(
  db: Conn,
  key: { alertId: string; botId: string; chatId: string },
  error: string,
  final: boolean,
  at: Date,
): Promise<void> {
  await db
    .updateTable('alert_deliveries')
    .set({
      status: final ? 'failed' : 'pending',
      attempts: sql`attempts + 1`,
      last_error: error.slice(0, 500),
      updated_at: at,
    })
    .where('alert_id', '=', key.alertId)
    .where('bot_id', '=', key.botId)
    .where('chat_id', '=', key.chatId)
    .execute();
}

export async function updateAlertDelivery(
  db: Conn,
  id: string,
  change: { status: AlertStatus; lastError: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('alerts')
    .set({
      status: change.status,
      attempts: sql`attempts + 1`,
      last_error: change.lastError?.slice(0, 1000) ?? null,
      updated_at: change.at,
      delivered_at: change.status === 'delivered' || change.status === 'partial' ? change.at : null,
    })
    .where('id', '=', id)
    .execute();
}

/** Drops alerts (and their deliveries) created before `before`; returns how many. */
export async function forgetAlertsBefore(db: Conn, before: Date): Promise<number> {
  await db
    .deleteFrom('alert_deliveries')
    .where('alert_id', 'in', (eb) => eb.selectFrom('alerts').select('id').where('created_at', '<', before))
    .execute();
  const res = await db.deleteFrom('alerts').where('created_at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
