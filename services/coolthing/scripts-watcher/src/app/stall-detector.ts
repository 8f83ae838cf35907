import { ScriptStalled } from '@switchyard/contracts';
import type { Enqueue } from '@switchyard/bus';
import { sleep, type Logger } from '@switchyard/kit';
import { sql, type Transaction } from '@switchyard/store';
import type { Counter } from 'prom-client';
import type { Db, WatcherDB } from '../db';
import { isStalled } from '../domain/stall';

export interface StallDeps {
  db: Db;
  transaction<T>(fn: (trx: Transaction<WatcherDB>, publish: Enqueue) => Promise<T>): Promise<T>;
  timeScale: number;
  graceSeconds: number;
  defaultGapSeconds: number;
  checkMs: number;
  log: Logger;
  stalls: Counter;
}

/**
 * Looks at running runs every few seconds; one silent for longer than its longest planned gap
 * plus the grace is marked `stalled` and ScriptStalled goes out, once per silence (the mark
 * is cleared by the next progress). Several watcher instances may run: the conditional
 * update lets only one of them publish.
 */
export async function checkStalls(deps: StallDeps, now = Date.now()): Promise<number> {
  const candidates = await deps.db
    .selectFrom('runs')
    .select(['sfc_id', 'last_progress_at', 'max_gap_ms'])
    .where('status', '=', 'running')
    .where('stalled_at', 'is', null)
    .where('last_progress_at', 'is not', null)
    .execute();
  let flagged = 0;
  for (const run of candidates) {
    const maxGapMs = run.max_gap_ms === null ? null : Number(run.max_gap_ms);
    const last = new Date(run.last_progress_at!);
    if (!isStalled({ lastProgressAt: last, maxGapMs }, now, deps)) continue;
    const published = await deps.transaction(async (trx, publish) => {
      const row = await trx
        .updateTable('runs')
        .set({ status: 'stalled', stalled_at: sql`now()`, updated_at: sql`now()` })
        .where('sfc_id', '=', run.sfc_id)
        .where('status', '=', 'running')
        .where('stalled_at', 'is', null)
        .where('last_progress_at', '=', last)
        .returning('sfc_id')
        .executeTakeFirst();
      if (!row) return false;
      await publish(ScriptStalled, {
        sfc_id: run.sfc_id,
        silent_for_seconds: Math.max(0, Math.round((now - last.getTime()) / 1000)),
        last_event_at: last.toISOString(),
      });
      return true;
    });
    if (published) {
      flagged++;
      deps.stalls.inc();
      deps.log.warn({ sfcId: run.sfc_id, lastProgressAt: last.toISOString() }, 'run stalled');
    }
  }
  return flagged;
}

export function stallTask(deps: StallDeps) {
  return {
    name: 'stall-detector',
    async run(signal: AbortSignal) {
      while (!signal.aborted) {
        await sleep(deps.checkMs, signal);
        if (signal.aborted) return;
        await checkStalls(deps).catch((err: unknown) =>
          deps.log.warn({ err: String(err) }, 'stall check failed'),
        );
      }
    },
  };
}
