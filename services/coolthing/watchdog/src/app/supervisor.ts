import { AccountBanned } from '@switchyard/contracts';
import type { Enqueue } from '@switchyard/bus';
import type { Logger } from '@switchyard/kit';
import type { Transaction } from '@switchyard/store';
import type { LaunchedWorker, WorkerDriver, WorkerExit } from '@switchyard/workers';
import { LIVE, type AccountWorkerRow, type Db, type WatchdogDB, type WorkerRole } from '../db';
import { describeExit, exitOutcome, isSilent, type ExitPolicy } from '../domain/backoff';
import { workerName } from '../domain/names';
import { accountWanted, leaseBlocks, needsReplacement } from '../domain/wanted';
import type { AdminAccounts, WorkerAccount } from '../ports/admin';
import * as workers from '../repositories/workers';

export interface SupervisorSettings extends ExitPolicy {
  instance: string;
  roles: WorkerRole[];
  /** Registry id of each role's worker service. */
  services: Record<WorkerRole, string>;
  heartbeatRoles: WorkerRole[];
  silenceMs: number;
  pollMs: number;
  tickMs: number;
  ownerTtlMs: number;
  /** How long a banned account's worker may take to end by itself before it is stopped. */
  bannedDrainMs: number;
  replaceRetryMs: number;
  /** Variables every worker gets on top of its own (ACCOUNT_ID, ...). */
  workerEnv: Record<string, string>;
}

export interface SupervisorMetrics {
  started(kind: 'first' | 'restart' | 'resume'): void;
  exited(outcome: string): void;
  banned(): void;
  running(n: number): void;
}

export interface SupervisorDeps {
  db: Db;
  transaction<T>(fn: (trx: Transaction<WatchdogDB>, publish: Enqueue) => Promise<T>): Promise<T>;
  driver: WorkerDriver;
  admin: AdminAccounts;
  settings: SupervisorSettings;
  log: Logger;
  metrics?: SupervisorMetrics;
}

type Replacement = { settled: true; replacementId: string | null } | { settled: false };

/** A worker this instance supervises right now. */
interface Held {
  handle: LaunchedWorker;
  role: WorkerRole;
  startedAt: Date;
  /** The watchdog stopped it (not wanted any more): its exit is no fault. */
  stopReason?: string;
  /** Killed for silence or by an operator: a crash, whatever its exit code. */
  forcedCrash?: boolean; /** When the admin first showed its account banned. */
  bannedSince?: number;
}

/**
 * Keeps one worker per account that should run (the admin decides: active, with a session,
 * out of the reserve pool, on an active campaign): starts them, stops those no longer wanted,
 * kills silent ones, restarts ended ones with backoff, hands a banned account's campaign to a
 * reserve account, and takes over workers whose supervising instance went away (itself after
 * a restart included). Its state is in the database; the map is what this process holds.
 */
export class Supervisor {
  private readonly held = new Map<string, Held>();
  private readonly busy = new Set<string>();
  private readonly replaceTriedAt = new Map<string, number>();
  private accounts: WorkerAccount[] | undefined;
  private polledAt = 0;
  private closing = false;
  private wake: (() => void) | undefined;

  constructor(private readonly deps: SupervisorDeps) {}

  /** The background loop; ends when the signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    signal.addEventListener('abort', () => this.wake?.(), { once: true });
    while (!signal.aborted && !this.closing) {
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

  /** Something changed: look again now, with a fresh list from the admin. */
  nudge(refresh = false): void {
    if (refresh) this.polledAt = 0;
    this.wake?.();
  }

  /** One pass: claims, orphans, the admin's list, silent workers, stops, replacements, starts. */
  async tick(): Promise<void> {
    const { db, settings, log } = this.deps;
    const me = settings.instance;
    await workers.renewClaims(db, me, settings.ownerTtlMs);
    const known = new Set([...this.held.keys(), ...this.busy]);
    for (const row of await workers.orphans(db, me, known)) await this.takeOver(row);
    if (this.closing) return;
    await this.checkHealth();
    let fresh = false;
    if (Date.now() - this.polledAt >= settings.pollMs) {
      try {
        this.accounts = await this.deps.admin.workerAccounts(settings.roles);
        this.polledAt = Date.now();
        fresh = true;
      } catch (err) {
        // Without the admin nothing is started or stopped: running workers go on.
        log.warn({ err: String(err) }, 'the admin did not answer which accounts should run');
      }
    }
    if (fresh && this.accounts) await this.reconcile(this.accounts);
    this.deps.metrics?.running(this.held.size);
  }

  /** Kills the account's worker as a crash would (it is restarted); false when not held here. */
  async kill(accountId: string): Promise<boolean> {
    const held = this.held.get(accountId);
    if (!held) return false;
    held.forcedCrash = true;
    await held.handle.kill();
    return true;
  }

  holds(accountId: string): boolean {
    return this.held.has(accountId);
  }

  /**
   * Stops supervising. Workers that outlive the watchdog (containers, Jobs) keep running and
   * are adopted on the next start; process workers are stopped gracefully and start again then.
   */
  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    if (!this.deps.driver.outlivesWatchdog)
      await Promise.allSettled([...this.held.values()].map((h) => h.handle.stop()));
    this.held.clear();
    await this.deps.driver.close();
  }

  private async checkHealth(): Promise<void> {
    const { settings, log, db } = this.deps;
    const now = new Date();
    for (const [accountId, held] of this.held) {
      if (held.stopReason || held.forcedCrash) continue;
      const row = await workers.findWorker(db, accountId);
      if (!row || row.status !== 'running') continue;
      const silent = isSilent(
        {
          startedAt: row.started_at ?? held.startedAt,
          lastHeartbeatAt: row.last_heartbeat_at,
          owesHeartbeats: settings.heartbeatRoles.includes(held.role),
        },
        now,
        settings.silenceMs,
      );
      if (!silent) continue;
      log.warn({ accountId, lastHeartbeatAt: row.last_heartbeat_at }, 'worker went silent; killing it');
      held.forcedCrash = true;
      await held.handle
        .kill()
        .catch((err: unknown) => log.warn({ err: String(err), accountId }, 'could not kill a silent worker'));
    }
  }

  private async reconcile(accounts: WorkerAccount[]): Promise<void> {
    const now = new Date();
    const byId = new Map(accounts.map((a) => [a.id, a]));
    for (const [accountId, held] of this.held) {
      if (held.stopReason) continue;
      const account = byId.get(accountId);
      // Workers without heartbeats (the bot): the lease they hold is known from the admin, so
      // once they die their lease does not hold back the next one.
      if (account?.lease) await workers.recordLeaseHolder(this.deps.db, accountId, account.lease.holder);
      const wanted = account
        ? accountWanted(account, now)
        : { wanted: false as const, reason: 'account gone' };
      if (wanted.wanted) continue;
      // A banned account's worker gives its work back and ends by itself (the bot does):
      // stopped only when it overstays.
      if (account?.status === 'banned') {
        held.bannedSince ??= Date.now();
        if (Date.now() - held.bannedSince < this.deps.settings.bannedDrainMs) continue;
      }
      await this.stopWorker(accountId, held, wanted.reason);
    }
    // A ban the admin shows (the worker told it, or someone did) while the worker runs or after
    // it ended with any code: replaced and reported here. Asked each look until it is reported.
    const unreported = await workers.unreportedBans(
      this.deps.db,
      accounts.filter((a) => a.status === 'banned').map((a) => a.id),
    );
    for (const account of accounts) {
      if (this.closing) return;
      if (needsReplacement(account) || unreported.has(account.id))
        await this.handleBan(account.id, account.statusReason ?? 'banned');
      if (this.held.has(account.id) || this.busy.has(account.id)) continue;
      if (!accountWanted(account, now).wanted) continue;
      await this.launch(account);
    }
  }

  private async stopWorker(accountId: string, held: Held, reason: string): Promise<void> {
    held.stopReason = reason;
    this.deps.log.info({ accountId, reason }, 'account no longer wanted; stopping its worker');
    await workers.markStopping(this.deps.db, accountId, reason);
    void held.handle
      .stop()
      .catch((err: unknown) => this.deps.log.warn({ err: String(err), accountId }, 'stop failed'));
  }

  private async launch(account: WorkerAccount): Promise<void> {
    const { db, driver, settings, log } = this.deps;
    const role = account.role as WorkerRole;
    const accountId = account.id;
    this.busy.add(accountId);
    try {
      const before = await workers.findWorker(db, accountId);
      if (before && LIVE.includes(before.status)) return; // another instance runs it
      if (before?.next_start_at && before.next_start_at.getTime() > Date.now()) return;
      // One worker per account: a live lease of anyone but our last (dead) worker means one runs.
      if (leaseBlocks(account, before?.holder ?? null, new Date())) {
        log.debug({ accountId, holder: account.lease?.holder }, 'session lease held elsewhere; not starting');
        return;
      }
      const service = settings.services[role];
      const row = await workers.claimForStart(db, {
        accountId,
        role,
        service,
        owner: settings.instance,
        ttlMs: settings.ownerTtlMs,
      });
      if (!row) return;
      const attempt = row.attempts + 1;
      let handle: LaunchedWorker;
      try {
        handle = await driver.start({
          service,
          labels: { 'switchyard/account': accountId, 'switchyard/role': role },
          attempt,
          name: workerName(role, accountId, attempt),
          env: {
            ...settings.workerEnv,
            ACCOUNT_ID: accountId,
            ACCOUNT_ROLE: role,
            WORKER_ATTEMPT: String(attempt),
            // Workers are not in the migration jobs (they are not long-running services).
            MIGRATE_ON_START: 'true',
          },
        });
      } catch (err) {
        log.error({ err: String(err), accountId, attempt }, 'worker did not start');
        await this.afterExit(
          row,
          { code: null, signal: null, detail: `did not start: ${String(err)}`.slice(0, 300) },
          { role, startedAt: new Date(), forcedCrash: true },
          attempt,
        );
        return;
      }
      await workers.markRunning(db, accountId, { attempts: attempt, driver: driver.kind, ref: handle.ref });
      this.deps.metrics?.started(row.attempts === 0 ? 'first' : 'restart');
      log.info({ accountId, role, attempt, driver: driver.kind, worker: handle.ref }, 'worker started');
      this.watch(accountId, { handle, role, startedAt: new Date() });
    } finally {
      this.busy.delete(accountId);
    }
  }

  private watch(accountId: string, held: Held): void {
    this.held.set(accountId, held);
    void held.handle.exited.then(async (exit) => {
      if (this.held.get(accountId) !== held) return;
      this.held.delete(accountId);
      // Shutting down: the worker stops because we do; the next instance picks it up.
      if (this.closing) return;
      this.busy.add(accountId);
      try {
        const row = await workers.findWorker(this.deps.db, accountId);
        if (row && row.owner === this.deps.settings.instance) await this.afterExit(row, exit, held);
        await held.handle
          .remove()
          .catch((err: unknown) =>
            this.deps.log.warn({ err: String(err), accountId }, 'could not remove the worker'),
          );
      } catch (err) {
        if (!this.closing) this.deps.log.error({ err, accountId }, 'could not handle a worker exit');
      } finally {
        this.busy.delete(accountId);
        this.nudge(true);
      }
    });
  }

  private async afterExit(
    row: AccountWorkerRow,
    exit: WorkerExit,
    held: Pick<Held, 'role' | 'startedAt' | 'stopReason' | 'forcedCrash' | 'bannedSince'>,
    attempts?: number,
  ): Promise<void> {
    const { db, settings, log, admin } = this.deps;
    const accountId = row.account_id;
    const how = describeExit(exit);
    const outcome = exitOutcome(
      exit,
      {
        stopRequested: held.stopReason !== undefined,
        ranForMs: Date.now() - held.startedAt.getTime(),
        restarts: row.restarts,
        crashes: row.crashes,
        forcedCrash: held.forcedCrash === true,
      },
      settings,
    );
    this.deps.metrics?.exited(outcome.kind);
    const common = { lastExit: how, ...(attempts === undefined ? {} : { attempts }) };
    if (held.bannedSince !== undefined && outcome.kind !== 'banned') {
      // Its account was banned (the worker told the admin, or someone did): it is done; the
      // ban is reported by reconcile.
      await workers.recordEnd(db, accountId, { ...common, status: 'banned', reason: 'account banned' });
      log.info({ accountId, exit: how }, 'the worker of a banned account ended');
      return;
    }
    switch (outcome.kind) {
      case 'stopped':
        await workers.recordEnd(db, accountId, {
          ...common,
          status: 'stopped',
          reason: held.stopReason ?? null,
        });
        log.info({ accountId, exit: how }, 'worker stopped');
        return;
      case 'flood_wait':
        await workers.recordEnd(db, accountId, {
          ...common,
          status: 'backoff',
          reason: 'flood wait',
          delayMs: outcome.delayMs,
        });
        log.warn({ accountId }, 'worker ended for a flood wait; the account waits');
        return;
      case 'lease_held':
        await workers.recordEnd(db, accountId, {
          ...common,
          status: 'backoff',
          reason: 'the session lease is held by another worker',
          delayMs: outcome.delayMs,
        });
        log.warn({ accountId }, 'worker found the session lease held; trying later');
        return;
      case 'banned':
        // Held back until the admin's list shows the ban (it may have been read just before).
        await workers.recordEnd(db, accountId, {
          ...common,
          status: 'banned',
          reason: 'banned',
          delayMs: 2 * settings.pollMs,
        });
        this.deps.metrics?.banned();
        log.error({ accountId }, 'worker reports the account banned');
        void this.handleBan(accountId, 'the worker ended as banned', true).catch((err: unknown) =>
          log.error({ err: String(err), accountId }, 'could not handle the ban'),
        );
        return;
      case 'give_up': {
        const reason = `the worker crashed ${outcome.crashes} times in a row; last: ${how}`;
        // Kept from starting again while the admin is told (a failed call is tried after the cap).
        await workers.recordEnd(db, accountId, {
          ...common,
          status: 'failed',
          reason,
          restarts: outcome.restarts,
          crashes: outcome.crashes,
          delayMs: settings.backoffMaxMs,
        });
        log.error(
          { accountId, crashes: outcome.crashes, exit: how },
          'worker keeps crashing; account stopped',
        );
        await admin
          .stop(accountId, reason)
          .catch((err: unknown) =>
            log.error({ err: String(err), accountId }, 'could not stop the account in the admin'),
          );
        return;
      }
      case 'restart':
        await workers.recordEnd(db, accountId, {
          ...common,
          status: 'backoff',
          reason: outcome.crashed ? 'crashed' : 'exited',
          delayMs: outcome.delayMs,
          restarts: outcome.restarts,
          crashes: outcome.crashes,
        });
        log.warn(
          { accountId, restarts: outcome.restarts, delayMs: outcome.delayMs, exit: how },
          'worker ended; restarting',
        );
        return;
    }
  }

  /**
   * The account is banned: the admin marks it (when its worker said so by its exit code) and
   * hands its campaign to a reserve account, then account.banned goes out once, naming the
   * replacement. Only a settled answer is reported (a reserve's id, or none to be had): while
   * the admin cannot say, the next look asks again.
   */
  private async handleBan(accountId: string, reason: string, markInAdmin = false): Promise<void> {
    const { admin, log } = this.deps;
    if (markInAdmin)
      await admin
        .markBanned(accountId, reason)
        .catch((err: unknown) =>
          log.warn({ err: String(err), accountId }, 'could not mark the account banned'),
        );
    const replacement = await this.replace(accountId, reason);
    if (!replacement.settled) return;
    const replacedBy = replacement.replacementId;
    const published = await this.deps.transaction(async (trx, publish) => {
      if (!(await workers.takeBanReport(trx, accountId, replacedBy))) return false;
      await publish(AccountBanned, { worker_id: accountId, comment: reason, replaced_by: replacedBy });
      return true;
    });
    if (published) log.info({ accountId, replacedBy }, 'ban reported');
  }

  /**
   * Hands the account's campaign to a reserve account. Settled with the replacement's id, or
   * null when the admin says there is none (empty pool, nothing to hand over); unsettled when
   * it could not say (failed, or asked too recently, possibly by a call still on its way).
   */
  private async replace(accountId: string, reason: string): Promise<Replacement> {
    const { admin, log, settings, db } = this.deps;
    const tried = this.replaceTriedAt.get(accountId);
    if (tried !== undefined && Date.now() - tried < settings.replaceRetryMs) return { settled: false };
    this.replaceTriedAt.set(accountId, Date.now());
    try {
      const result = await admin.replace(accountId, reason);
      if (result.kind === 'replaced') {
        this.replaceTriedAt.delete(accountId);
        await workers.recordReplacement(db, accountId, result.replacementId);
        if (!result.already)
          log.info(
            { accountId, replacement: result.replacementId, campaignId: result.campaignId },
            'account replaced',
          );
        // The replacement is wanted now: ask the admin again at once.
        this.nudge(true);
        return { settled: true, replacementId: result.replacementId };
      }
      log.warn({ accountId, result: result.kind }, 'banned account not replaced');
      return { settled: true, replacementId: null };
    } catch (err) {
      log.warn({ err: String(err), accountId }, 'replacement failed; trying again later');
      return { settled: false };
    }
  }

  /** A live worker whose supervisor went away: find it again, or let it start anew. */
  private async takeOver(orphan: AccountWorkerRow): Promise<void> {
    const { db, driver, settings, log } = this.deps;
    const row = await workers.claimOrphan(db, orphan.account_id, settings.instance, settings.ownerTtlMs);
    if (!row) return;
    this.busy.add(row.account_id);
    try {
      const handle =
        row.worker_ref && driver.outlivesWatchdog ? await driver.adopt(row.worker_ref) : undefined;
      if (handle) {
        log.info({ accountId: row.account_id, worker: handle.ref }, 'worker adopted');
        this.deps.metrics?.started('resume');
        this.watch(row.account_id, {
          handle,
          role: row.role,
          startedAt: row.started_at ?? new Date(),
          ...(row.status === 'stopping' && row.reason ? { stopReason: row.reason } : {}),
        });
        return;
      }
      // Gone (a process worker died with its watchdog): no fault of its own, started again.
      await workers.recordEnd(db, row.account_id, {
        status: 'backoff',
        lastExit: 'the worker was gone when the watchdog took over',
        reason: 'taken over',
        delayMs: 0,
      });
    } finally {
      this.busy.delete(row.account_id);
    }
  }
}
