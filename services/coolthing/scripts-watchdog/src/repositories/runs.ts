import { sql, type Transaction } from '@switchyard/store';
import {
  ACTIVE,
  TERMINAL,
  type Control,
  type Db,
  type RunStatus,
  type WatchdogDB,
  type WorkerRunRow,
} from '../db';

type Q = Db | Transaction<WatchdogDB>;

const inMs = (ms: number) => sql<Date>`now() + ${ms} * interval '1 millisecond'`;

export async function findRun(db: Q, sfcId: string): Promise<WorkerRunRow | undefined> {
  return db.selectFrom('worker_runs').selectAll().where('sfc_id', '=', sfcId).executeTakeFirst();
}

/** A planned run waits for a worker; a stop or pause that came first is kept. */
export async function enqueueRun(trx: Q, sfcId: string, chats: number, lines: number): Promise<boolean> {
  const row = await trx
    .insertInto('worker_runs')
    .values({ sfc_id: sfcId, status: 'queued', chats, lines })
    .onConflict((oc) =>
      oc
        .column('sfc_id')
        .doUpdateSet({ status: 'queued', chats, lines, updated_at: sql`now()` })
        .where('worker_runs.status', '=', 'unplanned'),
    )
    .returning('sfc_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setControl(
  trx: Q,
  sfcId: string,
  control: Control,
  by: string,
): Promise<WorkerRunRow | undefined> {
  return trx
    .updateTable('worker_runs')
    .set({ control, control_at: sql`now()`, control_by: by, updated_at: sql`now()` })
    .where('sfc_id', '=', sfcId)
    .where('status', 'not in', TERMINAL)
    .returningAll()
    .executeTakeFirst();
}

/** A control for a run not planned yet: remembered, the run starts (or not) accordingly. */
export async function insertUnplanned(trx: Q, sfcId: string, control: Control, by: string): Promise<void> {
  await trx
    .insertInto('worker_runs')
    .values({
      sfc_id: sfcId,
      status: control === 'stop' ? 'stopped' : 'unplanned',
      control,
      control_at: sql`now()`,
      control_by: by,
      finished_at: control === 'stop' ? sql`now()` : null,
    })
    .onConflict((oc) => oc.column('sfc_id').doNothing())
    .execute();
}

export async function finish(
  trx: Q,
  sfcId: string,
  status: Extract<RunStatus, 'done' | 'stopped' | 'failed'>,
  extra: { lastExit?: string; restarts?: number } = {},
): Promise<void> {
  await trx
    .updateTable('worker_runs')
    .set({
      status,
      finished_at: sql`now()`,
      updated_at: sql`now()`,
      owner: null,
      owner_until: null,
      next_start_at: null,
      ...(extra.lastExit === undefined ? {} : { last_exit: extra.lastExit }),
      ...(extra.restarts === undefined ? {} : { restarts: extra.restarts }),
    })
    .where('sfc_id', '=', sfcId)
    .execute();
}

/** The worker's ScriptFinished; a run already waiting to restart ends here. */
export async function recordFinish(trx: Q, sfcId: string, status: string): Promise<WorkerRunRow | undefined> {
  const row = await trx
    .updateTable('worker_runs')
    .set({ finish_status: status, updated_at: sql`now()` })
    .where('sfc_id', '=', sfcId)
    .returningAll()
    .executeTakeFirst();
  if (row?.status === 'backoff' && (status === 'done' || status === 'stopped' || status === 'failed'))
    await finish(trx, sfcId, status);
  return row;
}

export async function renewClaims(db: Q, owner: string, ttlMs: number): Promise<void> {
  await db
    .updateTable('worker_runs')
    .set({ owner_until: inMs(ttlMs) })
    .where('owner', '=', owner)
    .where('status', 'in', ACTIVE)
    .execute();
}

/** Active runs nobody supervises any more (their instance died), or this instance's own after a restart. */
export async function orphans(db: Q, owner: string, known: ReadonlySet<string>): Promise<WorkerRunRow[]> {
  const rows = await db
    .selectFrom('worker_runs')
    .selectAll()
    .where('status', 'in', ACTIVE)
    .where((eb) =>
      eb.or([eb('owner', 'is', null), eb('owner_until', '<', sql<Date>`now()`), eb('owner', '=', owner)]),
    )
    .execute();
  return rows.filter((r) => !known.has(r.sfc_id) && !(r.owner === owner && r.status === 'backoff'));
}

/** Takes over a run if its claim lapsed (or is ours); undefined when another instance got it first. */
export async function claim(
  db: Q,
  sfcId: string,
  owner: string,
  ttlMs: number,
): Promise<WorkerRunRow | undefined> {
  return db
    .updateTable('worker_runs')
    .set({ owner, owner_until: inMs(ttlMs), updated_at: sql`now()` })
    .where('sfc_id', '=', sfcId)
    .where('status', 'in', ACTIVE)
    .where((eb) =>
      eb.or([eb('owner', 'is', null), eb('owner_until', '<', sql<Date>`now()`), eb('owner', '=', owner)]),
    )
    .returningAll()
    .executeTakeFirst();
}

/**
 * Claims up to the free capacity of queued runs, oldest first. One transaction under an
 * advisory lock, so two instances never both fill the last slot.
 */
export async function claimQueued(
  db: Db,
  owner: string,
  ttlMs: number,
  concurrency: number,
): Promise<WorkerRunRow[]> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('coolthing_scripts_watchdog.claim'))`.execute(trx);
    const { n } = await trx
      .selectFrom('worker_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ACTIVE)
      .executeTakeFirstOrThrow();
    const free = concurrency - Number(n);
    if (free <= 0) return [];
    const ids = await trx
      .selectFrom('worker_runs')
      .select('sfc_id')
      .where('status', '=', 'queued')
      .where('control', '!=', 'stop')
      .orderBy('created_at')
      .orderBy('sfc_id')
      .limit(free)
      .execute();
    if (ids.length === 0) return [];
    return trx
      .updateTable('worker_runs')
      .set({ status: 'starting', owner, owner_until: inMs(ttlMs), updated_at: sql`now()` })
      .where(
        'sfc_id',
        'in',
        ids.map((r) => r.sfc_id),
      )
      .where('status', '=', 'queued')
      .returningAll()
      .execute();
  });
}

export async function dueRestarts(db: Q, owner: string): Promise<WorkerRunRow[]> {
  return db
    .selectFrom('worker_runs')
    .selectAll()
    .where('owner', '=', owner)
    .where('status', '=', 'backoff')
    .where('next_start_at', '<=', sql<Date>`now()`)
    .execute();
}

export async function markStarting(db: Q, sfcId: string, owner: string): Promise<WorkerRunRow | undefined> {
  return db
    .updateTable('worker_runs')
    .set({ status: 'starting', updated_at: sql`now()` })
    .where('sfc_id', '=', sfcId)
    .where('owner', '=', owner)
    .where('status', 'in', ['backoff', 'starting', 'running'])
    .returningAll()
    .executeTakeFirst();
}

export async function markRunning(
  db: Q,
  sfcId: string,
  fields: { attempts: number; driver: string; ref: string },
): Promise<void> {
  await db
    .updateTable('worker_runs')
    .set({
      status: 'running',
      attempts: fields.attempts,
      driver: fields.driver,
      worker_ref: fields.ref,
      started_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('sfc_id', '=', sfcId)
    .where('status', '=', 'starting')
    .execute();
}

export async function markBackoff(
  db: Q,
  sfcId: string,
  fields: { restarts: number; attempts?: number; delayMs: number; lastExit: string },
): Promise<void> {
  await db
    .updateTable('worker_runs')
    .set({
      status: 'backoff',
      restarts: fields.restarts,
      ...(fields.attempts === undefined ? {} : { attempts: fields.attempts }),
      next_start_at: inMs(fields.delayMs),
      last_exit: fields.lastExit,
      worker_ref: null,
      updated_at: sql`now()`,
    })
    .where('sfc_id', '=', sfcId)
    .execute();
}

export async function stopRequestsOverdue(db: Q, owner: string, graceMs: number): Promise<WorkerRunRow[]> {
  return db
    .selectFrom('worker_runs')
    .selectAll()
    .where('owner', '=', owner)
    .where('status', '=', 'running')
    .where('control', '=', 'stop')
    .where('control_at', '<', sql<Date>`now() - ${graceMs} * interval '1 millisecond'`)
    .execute();
}

export interface ListQuery {
  status?: RunStatus;
  limit: number;
  offset: number;
}

export async function listRuns(db: Db, q: ListQuery): Promise<{ items: WorkerRunRow[]; total: number }> {
  let base = db.selectFrom('worker_runs');
  if (q.status) base = base.where('status', '=', q.status);
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
