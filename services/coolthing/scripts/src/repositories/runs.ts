import type { Selectable, Transaction } from '@switchyard/store';
import type { RunPlan } from '@switchyard/coolthing-script';
import type { RunAccount, RunTarget } from '../domain/snapshot';
import type { Db, ScriptsDB } from '../db';

export interface StoredRun {
  sfcId: string;
  status: 'planned' | 'rejected';
  campaignId: string | null;
  scriptId: string | null;
  seed: string | null;
  plan: RunPlan | null;
  targets: RunTarget[];
  accounts: RunAccount[];
  problems: string[];
  chats: number;
  lines: number;
  createdAt: Date;
}

const json = (v: unknown) => JSON.stringify(v);
/** PGlite and pg both parse jsonb; a string means it was stored as text by an older writer. */
const parsed = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

function toRun(row: Selectable<ScriptsDB['runs']>): StoredRun {
  return {
    sfcId: row.sfc_id,
    status: row.status,
    campaignId: row.campaign_id,
    scriptId: row.script_id,
    seed: row.seed,
    plan: row.plan === null ? null : parsed<RunPlan>(row.plan),
    targets: parsed<RunTarget[]>(row.targets),
    accounts: parsed<RunAccount[]>(row.accounts),
    problems: parsed<string[]>(row.problems),
    chats: row.chats,
    lines: row.lines,
    createdAt: new Date(row.created_at),
  };
}

export async function findRun(db: Db | Transaction<ScriptsDB>, sfcId: string): Promise<StoredRun | null> {
  const row = await db.selectFrom('runs').selectAll().where('sfc_id', '=', sfcId).executeTakeFirst();
  return row ? toRun(row) : null;
}

/** Inserts the outcome once; false when the run was already decided (a redelivery). */
export async function insertRun(
  trx: Transaction<ScriptsDB>,
  run: Omit<StoredRun, 'createdAt'>,
): Promise<boolean> {
  const row = await trx
    .insertInto('runs')
    .values({
      sfc_id: run.sfcId,
      status: run.status,
      campaign_id: run.campaignId,
      script_id: run.scriptId,
      seed: run.seed,
      plan: run.plan === null ? null : json(run.plan),
      targets: json(run.targets),
      accounts: json(run.accounts),
      problems: json(run.problems),
      chats: run.chats,
      lines: run.lines,
    })
    .onConflict((oc) => oc.column('sfc_id').doNothing())
    .returning('sfc_id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface RunListQuery {
  status?: 'planned' | 'rejected';
  campaignId?: string;
  limit: number;
  offset: number;
}

export async function listRuns(db: Db, q: RunListQuery): Promise<{ items: StoredRun[]; total: number }> {
  let base = db.selectFrom('runs');
  if (q.status) base = base.where('status', '=', q.status);
  if (q.campaignId) base = base.where('campaign_id', '=', q.campaignId);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('sfc_id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toRun), total: Number(count.n) };
}
