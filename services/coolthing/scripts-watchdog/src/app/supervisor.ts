import { setTimeout as delay } from 'node:timers/promises';
import { ScriptCrashed, ScriptFinished } from '@switchyard/contracts';
import type { Enqueue } from '@switchyard/bus';
import type { Logger } from '@switchyard/kit';
import type { Transaction } from '@switchyard/store';
import type { Db, WatchdogDB, WorkerRunRow } from '../db';
import { exitVerdict, restartDelayMs } from '../domain/backoff';
import { workerName } from '../domain/names';
import type { LaunchedWorker, WorkerDriver, WorkerExit } from '@switchyard/workers';
import * as runs from '../repositories/runs';

/** The registry entry of the workers this watchdog starts. */
export const WORKER_SERVICE = 'coolthing/scripts-worker';

export interface SupervisorSettings {
  instance: string;
  concurrency: number;
  maxRestarts: number;
  backoffMs: number;
  backoffMaxMs: number;
  finishGraceMs: number;
  stopGraceMs: number;
  tickMs: number;
  ownerTtlMs: number;
  /** Variables every worker gets on top of RUN_ID and RUN_ATTEMPT. */
  workerEnv: Record<string, string>;
}

export interface SupervisorMetrics {
  started(kind: 'first' | 'restart' | 'resume'): void;
  failed(): void;
  running(n: number): void;
}

export interface SupervisorDeps {
  db: Db;
  transaction<T>(fn: (trx: Transaction<WatchdogDB>, publish: Enqueue) => Promise<T>): Promise<T>;
  driver: WorkerDriver;
  settings: SupervisorSettings;
  log: Logger;
  metrics?: SupervisorMetrics;
}

const describeExit = (exit: WorkerExit) =>
  [exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`, exit.detail]
    .filter(Boolean)
    .join(', ');

/**
 * Keeps one worker per running run: starts queued runs up to the concurrency limit, restarts
 * crashed workers with backoff (a crash is an exit without ScriptFinished), fails a run whose
 * restarts are used up, removes finished workers, enforces stop requests, and takes over
 * runs whose supervising instance went away (itself after a restart included). All of its
 * state is in the database; the map of handles is only what this process holds right now.
 */
export class Supervisor {
  private readonly handles = new Map<string, LaunchedWorker>();
  private readonly busy = new Set<string>();
  private readonly stopping = new Set<string>();
  private closing = false;
  private wake: (() => void) | undefined;

  constructor(private readonly deps: SupervisorDeps) {}

  get instance(): string {
    return this.deps.settings.instance;
  }

  /** The background loop; ends when the signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => this.wake?.(), { once: true });
    while (!signal.aborted) {
      try {
        await this.tick();
      } catch (err) {
        if (!this.closing) this.deps.log.warn({ err }, 'watchdog tick failed');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.deps.settings.tickMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Something changed (a run was planned, a worker ended): look again now. */
  nudge(): void {
    this.wake?.();
  }

  /** One pass: renew claims, take over orphans, enforce stops, restart, start queued runs. */
  async tick(): Promise<void> {
    const { db, settings } = this.deps;
    const me = settings.instance;
    await runs.renewClaims(db, me, settings.ownerTtlMs);
    const known = new Set([...this.handles.keys(), ...this.busy]);
    for (const row of await runs.orphans(db, me, known)) await this.takeOver(row);
    for (const row of await runs.stopRequestsOverdue(db, me, settings.stopGraceMs)) {
      const handle = this.handles.get(row.sfc_id);
      if (!handle || this.stopping.has(row.sfc_id)) continue;
      this.stopping.add(row.sfc_id);
      this.deps.log.warn({ sfcId: row.sfc_id }, 'worker ignored the stop request; stopping it');
      void handle
        .stop()
        .catch((err: unknown) => this.deps.log.warn({ err, sfcId: row.sfc_id }, 'stop failed'));
    }
    for (const row of await runs.dueRestarts(db, me)) {
      if (!this.busy.has(row.sfc_id) && !this.handles.has(row.sfc_id)) await this.launch(row, 'restart');
    }
    if (this.closing) return;
    for (const row of await runs.claimQueued(db, me, settings.ownerTtlMs, settings.concurrency))
      await this.launch(row, 'first');
    this.deps.metrics?.running(this.handles.size);
  }

  /** Kills the run's worker as a crash would (it is restarted and resumes); false when not held here. */
  async kill(sfcId: string): Promise<boolean> {
    const handle = this.handles.get(sfcId);
    if (!handle) return false;
    await handle.kill();
    return true;
  }

  holds(sfcId: string): boolean {
    return this.handles.has(sfcId);
  }

  /**
   * Stops supervising. Workers that outlive the watchdog (containers, Jobs) keep running and
   * are adopted on the next start; process workers are stopped gracefully and resume then.
   */
  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    if (!this.deps.driver.outlivesWatchdog) {
      await Promise.allSettled([...this.handles.values()].map((h) => h.stop()));
    }
    this.handles.clear();
    await this.deps.driver.close();
  }

  private async launch(row: WorkerRunRow, kind: 'first' | 'restart' | 'resume'): Promise<void> {
    const { db, driver, settings, log } = this.deps;
    const sfcId = row.sfc_id;
    if (this.closing) return;
    this.busy.add(sfcId);
    try {
      const current = await runs.markStarting(db, sfcId, settings.instance);
      if (!current) return;
      const attempt = current.attempts + 1;
      let handle: LaunchedWorker;
      try {
        handle = await driver.start({
          service: WORKER_SERVICE,
          labels: { 'switchyard/run': sfcId },
          attempt,
          name: workerName(sfcId, attempt),
          env: {
            ...settings.workerEnv,
            RUN_ID: sfcId,
            RUN_ATTEMPT: String(attempt),
            // Workers are not in the migration jobs (they are not long-running services).
            MIGRATE_ON_START: 'true',
          },
        });
      } catch (err) {
        log.error({ err, sfcId, attempt }, 'worker did not start');
        await this.afterExit(
          current,
          { code: null, signal: null, detail: `did not start: ${String(err)}` },
          {
            attempts: attempt,
            countsAsCrash: true,
          },
        );
        return;
      }
      await runs.markRunning(db, sfcId, { attempts: attempt, driver: driver.kind, ref: handle.ref });
      this.deps.metrics?.started(kind);
      log.info({ sfcId, attempt, driver: driver.kind, worker: handle.ref }, 'worker started');
      this.watch(sfcId, handle);
    } finally {
      this.busy.delete(sfcId);
    }
  }

  private watch(sfcId: string, handle: LaunchedWorker): void {
    this.handles.set(sfcId, handle);
    void handle.exited.then(async (exit) => {
      if (this.handles.get(sfcId) !== handle) return;
      this.handles.delete(sfcId);
      this.stopping.delete(sfcId);
      if (this.closing) return;
      this.busy.add(sfcId);
      try {
        const row = await this.awaitFinish(sfcId);
        // Shutting down: workers stop because we do; only a finish they reported counts.
        if (this.closing && !row?.finish_status) return;
        if (row && row.owner === this.deps.settings.instance)
          await this.afterExit(row, exit, { countsAsCrash: true, handle });
      } catch (err) {
        if (!this.closing) this.deps.log.error({ err, sfcId }, 'could not handle a worker exit');
      } finally {
        this.busy.delete(sfcId);
        this.nudge();
      }
    });
  }

  /** The worker's ScriptFinished may still be on its way when its exit is seen. */
  private async awaitFinish(sfcId: string): Promise<WorkerRunRow | undefined> {
    const deadline = Date.now() + this.deps.settings.finishGraceMs;
    for (;;) {
      const row = await runs.findRun(this.deps.db, sfcId);
      if (!row || row.finish_status || Date.now() >= deadline || this.closing) return row;
      await delay(Math.min(100, this.deps.settings.finishGraceMs));
    }
  }

  private async afterExit(
    row: WorkerRunRow,
    exit: WorkerExit,
    options: { countsAsCrash: boolean; attempts?: number; handle?: LaunchedWorker },
  ): Promise<void> {
    const { settings, log } = this.deps;
    const sfcId = row.sfc_id;
    const how = describeExit(exit);
    const verdict = exitVerdict({
      finishStatus: row.finish_status,
      control: row.control,
      restarts: row.restarts,
      maxRestarts: settings.maxRestarts,
      crashed: options.countsAsCrash,
    });
    const remove = async () => {
      await options.handle
        ?.remove()
        .catch((err: unknown) => log.warn({ err, sfcId }, 'could not remove the worker'));
    };
    if (verdict === 'finished') {
      const status =
        row.finish_status === 'stopped' || row.finish_status === 'failed' ? row.finish_status : 'done';
      await runs.finish(this.deps.db, sfcId, status, { lastExit: how });
      await remove();
      log.info({ sfcId, status, exit: how }, 'worker finished');
      return;
    }
    if (verdict === 'stopped') {
      await this.deps.transaction(async (trx, publish) => {
        await runs.finish(trx, sfcId, 'stopped', { lastExit: how });
        await publish(ScriptFinished, {
          sfc_id: sfcId,
          status: 'stopped',
          finished_at: new Date().toISOString(),
          problems: [{ chat_id: null, reason: 'worker_stopped', text: `the worker was stopped (${how})` }],
        });
      });
      await remove();
      return;
    }
    const restarts = options.countsAsCrash ? row.restarts + 1 : row.restarts;
    if (verdict === 'fail') {
      await this.deps.transaction(async (trx, publish) => {
        await runs.finish(trx, sfcId, 'failed', { lastExit: how, restarts });
        const reason = `the worker crashed ${restarts} times; last: ${how}`.slice(0, 2000);
        await publish(ScriptCrashed, { sfc_id: sfcId, reason, restarts: restarts - 1 });
        await publish(ScriptFinished, {
          sfc_id: sfcId,
          status: 'failed',
          finished_at: new Date().toISOString(),
          problems: [{ chat_id: null, reason: 'worker_crashed', text: reason.slice(0, 500) }],
        });
      });
      await remove();
      this.deps.metrics?.failed();
      log.error({ sfcId, restarts, exit: how }, 'worker kept crashing; run failed');
      return;
    }
    const delayMs = options.countsAsCrash
      ? restartDelayMs(restarts, settings.backoffMs, settings.backoffMaxMs)
      : 0;
    await runs.markBackoff(this.deps.db, sfcId, {
      restarts,
      delayMs,
      lastExit: how,
      ...(options.attempts === undefined ? {} : { attempts: options.attempts }),
    });
    await remove();
    log.warn({ sfcId, restarts, delayMs, exit: how }, 'worker crashed; restarting');
  }

  /** A run whose supervisor went away: find its worker again, or start a new one. */
  private async takeOver(orphan: WorkerRunRow): Promise<void> {
    const { db, driver, settings, log } = this.deps;
    const row = await runs.claim(db, orphan.sfc_id, settings.instance, settings.ownerTtlMs);
    if (!row || row.status === 'backoff') return;
    this.busy.add(row.sfc_id);
    try {
      const handle =
        row.worker_ref && driver.outlivesWatchdog ? await driver.adopt(row.worker_ref) : undefined;
      if (handle) {
        log.info({ sfcId: row.sfc_id, worker: handle.ref }, 'worker adopted');
        this.watch(row.sfc_id, handle);
        return;
      }
      // Gone. A process worker died with its watchdog: that is no crash of its own.
      await this.afterExit(
        row,
        { code: null, signal: null, detail: 'the worker was gone when the watchdog took over' },
        { countsAsCrash: driver.outlivesWatchdog },
      );
    } finally {
      this.busy.delete(row.sfc_id);
    }
  }
}
