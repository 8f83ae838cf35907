import { sql, type Transaction } from '@switchyard/store';
import {
  LIVE,
  type AccountWorkerRow,
  type Db,
  type WatchdogDB,
  type WorkerRole,
  type WorkerStatus,
} from '../db';

type Q = Db | Transaction<WatchdogDB>;

const inMs = (ms: number) => sql<Date>`now() + ${ms} * interval '1 millisecond'`;

export async function findWorker(db: Q, accountId: string): Promise<AccountWorkerRow | undefined> {
  return db.selectFrom('account_workers').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

/**
 * Takes an account for a new worker: no worker of it lives (under any instance) and no start
 * is deferred past now. One statement, so two instances never both start one; the ban
 * bookkeeping starts over with the new worker.
 */
export async function claimForStart(
  db: Q,
  fields: { accountId: string; role: WorkerRole; service: string; owner: string; ttlMs: number },
): Promise<AccountWorkerRow | undefined> {
  const claim = {
    role: fields.role,
    service: fields.service,
    status: 'starting' as const,
    owner: fields.owner,
    owner_until: inMs(fields.ttlMs),
    reason: null,
    ban_reported_at: null,
    replaced_by: null,
    updated_at: sql<Date>`now()`,
  };
  return db
    .insertInto('account_workers')
    .values({ account_id: fields.accountId, ...claim })
    .onConflict((oc) =>
      oc
        .column('account_id')
        .doUpdateSet(claim)
        .where('account_workers.status', 'not in', LIVE)
        .where((eb) =>
          eb.or([
            eb('account_workers.next_start_at', 'is', null),
            eb('account_workers.next_start_at', '<=', sql<Date>`now()`),
          ]),
        ),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function markRunning(
  db: Q,
  accountId: string,
  fields: { attempts: number; driver: string; ref: string },
): Promise<void> {
  await db
    .updateTable('account_workers')
    .set({
      status: 'running',
      attempts: fields.attempts,
      driver: fields.driver,
      worker_ref: fields.ref,
      next_start_at: null,
      last_heartbeat_at: null,
      worker_state: null,
      started_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('account_id', '=', accountId)
    .where('status', '=', 'starting')
    .execute();
}

/** The worker ended (or never started): what the watchdog does next. */
export async function recordEnd(
  db: Q,
  accountId: string,
  fields: {
    status: Exclude<WorkerStatus, 'starting' | 'running' | 'stopping'>;
    lastExit: string;
    reason?: string | null;
    delayMs?: number;
    restarts?: number;
    crashes?: number;
    attempts?: number;
  },
): Promise<void> {
  await db
    .updateTable('account_workers')
    .set({
      status: fields.status,
      last_exit: fields.lastExit.slice(0, 500),
      reason: fields.reason?.slice(0, 500) ?? null,
      next_start_at: fields.delayMs === undefined ? null : inMs(fields.delayMs),
      worker_ref: null,
      stopped_at: sql`now()`,
      updated_at: sql`now()`,
      ...(fields.restarts === undefined ? {} : { restarts: fields.restarts }),
      ...(fields.crashes === undefined ? {} : { crashes: fields.crashes }),
      ...(fields.attempts === undefined ? {} : { attempts: fields.attempts }),
    })
    .where('account_id', '=', accountId)
    .execute();
}

export async function markStopping(db: Q, accountId: string, reason: string): Promise<void> {
  await db
    .updateTable('account_workers')
    .set({ status: 'stopping', reason: reason.slice(0, 500), updated_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('status', 'in', ['starting', 'running'])
    .execute();
}

export async function renewClaims(db: Q, owner: string, ttlMs: number): Promise<void> {
  await db
    .updateTable('account_workers')
    .set({ owner_until: inMs(ttlMs) })
    .where('owner', '=', owner)
    .where('status', 'in', LIVE)
    .execute();
}

/** Live workers nobody supervises any more (their instance died), or this instance's own after a restart. */
export async function orphans(db: Q, owner: string, known: ReadonlySet<string>): Promise<AccountWorkerRow[]> {
  const rows = await db
    .selectFrom('account_workers')
    .selectAll()
    .where('status', 'in', LIVE)
    .where((eb) =>
      eb.or([eb('owner', 'is', null), eb('owner_until', '<', sql<Date>`now()`), eb('owner', '=', owner)]),
    )
    .execute();
  return rows.filter((r) => !known.has(r.account_id));
}

/** Takes over a live worker if its claim lapsed (or is ours); undefined when another instance got it first. */
export async function claimOrphan(
  db: Q,
  accountId: string,
  owner: string,
  ttlMs: number,
): Promise<AccountWorkerRow | undefined> {
  return db
    .updateTable('account_workers')
    .set({ owner, owner_until: inMs(ttlMs), updated_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('status', 'in', LIVE)
    .where((eb) =>
      eb.or([eb('owner', 'is', null), eb('owner_until', '<', sql<Date>`now()`), eb('owner', '=', owner)]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** The worker's AccountWorkerHeartbeat. */
export async function recordHeartbeat(
  db: Q,
  accountId: string,
  beat: { holder: string; state: string; at: Date },
): Promise<void> {
  await db
    .updateTable('account_workers')
    .set({
      holder: beat.holder.slice(0, 200),
      worker_state: beat.state,
      // Never later than now: a worker's clock ahead of ours must not buy it silence.
      last_heartbeat_at: sql<Date>`least(${beat.at}::timestamptz, now())`,
    })
    .where('account_id', '=', accountId)
    .execute();
}

/** The session lease holder the admin shows for a running worker that names none itself. */
export async function recordLeaseHolder(db: Q, accountId: string, holder: string): Promise<void> {
  await db
    .updateTable('account_workers')
    .set({ holder: holder.slice(0, 200) })
    .where('account_id', '=', accountId)
    .where('status', '=', 'running')
    .where('last_heartbeat_at', 'is', null)
    .where((eb) => eb.or([eb('holder', 'is', null), eb('holder', '!=', holder.slice(0, 200))]))
    .execute();
}

/**
 * The watchdog reports the ban (the caller publishes in the same transaction): true once per
 * ban, whichever path saw it first; a new worker of the account starts the bookkeeping over.
 */
export async function takeBanReport(trx: Q, accountId: string, replacedBy: string | null): Promise<boolean> {
  const row = await trx
    .updateTable('account_workers')
    .set({ ban_reported_at: sql`now()`, replaced_by: replacedBy })
    .where('account_id', '=', accountId)
    .where('ban_reported_at', 'is', null)
    .returning('account_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Of these (banned) accounts, those whose worker's ban is not reported yet. */
export async function unreportedBans(db: Q, accountIds: readonly string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('account_workers')
    .select('account_id')
    .where('account_id', 'in', accountIds)
    .where('ban_reported_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.account_id));
}

export async function recordReplacement(db: Q, accountId: string, replacedBy: string): Promise<void> {
  await db
    .updateTable('account_workers')
    .set({ replaced_by: replacedBy, updated_at: sql`now()` })
    .where('account_id', '=', accountId)
    .execute();
}

export interface ListQuery {
  status?: WorkerStatus;
  role?: WorkerRole;
  limit: number;
  offset: number;
}

export async function listWorkers(
  db: Db,
  q: ListQuery,
): Promise<{ items: AccountWorkerRow[]; total: number }> {
  let base = db.selectFrom('account_workers');
  if (q.status) base = base.where('status', '=', q.status);
  if (q.role) base = base.where('role', '=', q.role);
  const [items, count] = await Promise.all([
    base.selectAll().orderBy('account_id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
