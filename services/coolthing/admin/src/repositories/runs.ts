import { sql, type Insertable, type Selectable } from '@switchyard/store';
import type { Conn, Db, ScriptRunsTable } from '../db';
import type { RunChange } from '../domain/run-status';
import type { RunStatus } from '../domain/types';
import { jsonb, type Page, type PageRequest } from './common';

export type RunRow = Selectable<ScriptRunsTable>;
export type RunSummaryRow = Omit<RunRow, 'script_body'>;

export interface RunFilter {
  campaignId?: string;
  scriptId?: string;
  status?: RunStatus;
  accountId?: string;
}

const SUMMARY = [
  'id',
  'script_id',
  'script_version',
  'script_name',
  'campaign_id',
  'campaign_name',
  'mapping',
  'account_ids',
  'chat_ids',
  'seed',
  'status',
  'status_reason',
  'problems',
  'attempt',
  'lines_sent',
  'chats_skipped',
  'requested_by',
  'control_requested',
  'started_at',
  'finished_at',
  'last_event_at',
  'created_at',
  'updated_at',
] as const;

export async function listRuns(db: Db, filter: RunFilter, page: PageRequest): Promise<Page<RunSummaryRow>> {
  let q = db.selectFrom('script_runs');
  if (filter.campaignId) q = q.where('campaign_id', '=', filter.campaignId);
  if (filter.scriptId) q = q.where('script_id', '=', filter.scriptId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.accountId) q = q.where(sql<boolean>`${filter.accountId} = ANY(account_ids)`);
  const [items, count] = await Promise.all([
    q.select(SUMMARY).orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), ...page };
}

export const findRun = (db: Conn, id: string): Promise<RunRow | undefined> =>
  db.selectFrom('script_runs').selectAll().where('id', '=', id).executeTakeFirst();

export const insertRun = (db: Conn, row: Insertable<ScriptRunsTable>): Promise<RunRow> =>
  db
    .insertInto('script_runs')
    .values({ ...row, mapping: jsonb(row.mapping), script_body: jsonb(row.script_body) })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Runs that have not ended. */
const unfinished = (db: Conn) =>
  db
    .selectFrom('script_runs')
    .where('finished_at', 'is', null)
    .where('status', 'not in', ['stopped', 'done']);

/** Accounts among `ids` that play in a run that has not ended → that run. */
export async function busyAccounts(db: Conn, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await unfinished(db)
    .select(['id', 'account_ids'])
    .where(sql<boolean>`account_ids && ${sql.val([...ids])}::text[]`)
    .execute();
  const busy = new Map<string, string>();
  for (const row of rows)
    for (const a of row.account_ids) if (ids.includes(a) && !busy.has(a)) busy.set(a, row.id);
  return busy;
}

export async function unfinishedRunOf(
  db: Conn,
  where: { campaignId?: string; scriptId?: string; accountId?: string; chatId?: string },
): Promise<string | null> {
  let q = unfinished(db).select('id');
  if (where.campaignId) q = q.where('campaign_id', '=', where.campaignId);
  if (where.scriptId) q = q.where('script_id', '=', where.scriptId);
  if (where.accountId) q = q.where(sql<boolean>`${where.accountId} = ANY(account_ids)`);
  if (where.chatId) q = q.where(sql<boolean>`${where.chatId} = ANY(chat_ids)`);
  const row = await q.limit(1).executeTakeFirst();
  return row?.id ?? null;
}

export async function updateRun(
  db: Conn,
  id: string,
  change: RunChange & { controlRequested?: string; lastEventAt?: Date; problems?: unknown[] },
): Promise<void> {
  await db
    .updateTable('script_runs')
    .set({
      ...(change.status === undefined ? {} : { status: change.status }),
      ...(change.statusReason === undefined ? {} : { status_reason: change.statusReason }),
      ...(change.startedAt === undefined ? {} : { started_at: change.startedAt }),
      ...(change.finishedAt === undefined ? {} : { finished_at: change.finishedAt }),
      ...(change.attempt === undefined ? {} : { attempt: change.attempt }),
      ...(change.controlRequested === undefined ? {} : { control_requested: change.controlRequested }),
      ...(change.lastEventAt === undefined
        ? {}
        : { last_event_at: sql<Date>`greatest(last_event_at, ${change.lastEventAt}::timestamptz)` }),
      ...(change.problems === undefined ? {} : { problems: jsonb(change.problems) as never }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function countRunProgress(
  db: Conn,
  id: string,
  what: 'lines_sent' | 'chats_skipped',
): Promise<void> {
  await db
    .updateTable('script_runs')
    .set((eb) => ({ [what]: eb(what, '+', 1) }))
    .where('id', '=', id)
    .execute();
}
