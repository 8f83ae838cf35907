import { sql } from '@switchyard/store';
import type { Db, RunRow, RunStatus } from '../db';

export interface RunCounts {
  planned: number;
  sent: number;
  skipped: number;
  unconfirmed: number;
  engagement: { total: number; replies: number; messages: number; reactions: number };
}

export interface HistoryQuery {
  status?: RunStatus;
  campaignId?: string;
  scriptId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export async function findRun(db: Db, sfcId: string): Promise<RunRow | undefined> {
  return db.selectFrom('runs').selectAll().where('sfc_id', '=', sfcId).executeTakeFirst();
}

export async function history(db: Db, q: HistoryQuery): Promise<{ items: RunRow[]; total: number }> {
  let base = db.selectFrom('runs');
  if (q.status) base = base.where('status', '=', q.status);
  if (q.campaignId) base = base.where('campaign_id', '=', q.campaignId);
  if (q.scriptId) base = base.where('script_id', '=', q.scriptId);
  if (q.from) base = base.where('created_at', '>=', q.from);
  if (q.to) base = base.where('created_at', '<', q.to);
  const [items, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('sfc_id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** Line and engagement counts for many runs at once (two grouped queries, not one per run). */
export async function countsOf(db: Db, sfcIds: string[]): Promise<Map<string, RunCounts>> {
  const out = new Map<string, RunCounts>();
  if (sfcIds.length === 0) return out;
  for (const id of sfcIds)
    out.set(id, {
      planned: 0,
      sent: 0,
      skipped: 0,
      unconfirmed: 0,
      engagement: { total: 0, replies: 0, messages: 0, reactions: 0 },
    });
  const lines = await db
    .selectFrom('run_lines')
    .select(['sfc_id', 'status', sql<number>`count(*)::int`.as('n')])
    .where('sfc_id', 'in', sfcIds)
    .groupBy(['sfc_id', 'status'])
    .execute();
  for (const row of lines) {
    const c = out.get(row.sfc_id)!;
    c[row.status] += Number(row.n);
  }
  for (const c of out.values()) c.planned += c.sent + c.skipped + c.unconfirmed;
  const engagement = await db
    .selectFrom('engagements')
    .select(['sfc_id', 'kind', sql<number>`count(*)::int`.as('n')])
    .where('sfc_id', 'in', sfcIds)
    .groupBy(['sfc_id', 'kind'])
    .execute();
  for (const row of engagement) {
    const e = out.get(row.sfc_id)!.engagement;
    const n = Number(row.n);
    e.total += n;
    if (row.kind === 'reply') e.replies += n;
    else if (row.kind === 'reaction') e.reactions += n;
    else e.messages += n;
  }
  return out;
}

export async function chatsOf(db: Db, sfcId: string) {
  const [chats, lines, engagement] = await Promise.all([
    db.selectFrom('run_chats').selectAll().where('sfc_id', '=', sfcId).orderBy('chat_id').execute(),
    db
      .selectFrom('run_lines')
      .select(['chat_id', 'status', sql<number>`count(*)::int`.as('n')])
      .where('sfc_id', '=', sfcId)
      .groupBy(['chat_id', 'status'])
      .execute(),
    db
      .selectFrom('engagements')
      .select(['chat_id', sql<number>`count(*)::int`.as('n')])
      .where('sfc_id', '=', sfcId)
      .groupBy('chat_id')
      .execute(),
  ]);
  return { chats, lines, engagement };
}

export async function linesOf(
  db: Db,
  sfcId: string,
  q: {
    chatId?: string;
    status?: 'planned' | 'sent' | 'skipped' | 'unconfirmed';
    limit: number;
    offset: number;
  },
) {
  let base = db.selectFrom('run_lines').where('sfc_id', '=', sfcId);
  if (q.chatId) base = base.where('chat_id', '=', q.chatId);
  if (q.status) base = base.where('status', '=', q.status);
  const [items, count] = await Promise.all([
    base.selectAll().orderBy('chat_id').orderBy('line_no').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function engagementOf(
  db: Db,
  sfcId: string,
  q: { chatId?: string; limit: number; offset: number },
) {
  let base = db.selectFrom('engagements').where('sfc_id', '=', sfcId);
  if (q.chatId) base = base.where('chat_id', '=', q.chatId);
  const [items, count] = await Promise.all([
    base.selectAll().orderBy('at').orderBy('event_id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
