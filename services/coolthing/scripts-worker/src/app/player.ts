import { setMaxListeners } from 'node:events';
import { AccountBanned, AccountFloodWait, ScriptHeartbeat } from '@switchyard/contracts';
import { replanFrom, type ChatPlan, type PlannedLine, type RunPlan } from '@switchyard/coolthing-script';
import type { EventDef, PayloadOf } from '@switchyard/bus';
import { sleep, type Logger } from '@switchyard/kit';
import type { TelegramGateway } from '@switchyard/telegram';
import { SessionLeaseHeld } from '@switchyard/telegram/lease';
import { RunClock } from '../domain/clock';
import { runOutcome } from '../domain/outcome';
import { Progress } from '../domain/progress';
import { isTelegramFailure, reactionTo, type Reaction } from '../domain/reactions';
import {
  NoCredentials,
  type AdminAccounts,
  type ControlSource,
  type PlanSource,
  type RunDoc,
  type RunTarget,
} from '../ports/run-services';
import { reasonTexts, type ProgressRepository } from '../repositories/progress';
import { AccountPool } from './accounts';
import { RunControl, waitUntil, waitWhilePaused, type WaitResult } from './control';
import { EngagementWatcher } from './engagement';
import { Heartbeat } from './heartbeat';
import { settleClaims, type CheckOutcome } from './reconcile';
import { sendLine } from './send-line';

/** Telegram shows "typing…" for about five seconds; a longer typing time renews it. */
const TYPING_RENEW_MS = 4500;

export interface PlayerSettings {
  timeScale: number;
  engagementWindowSeconds: number;
  leaseTtlSeconds: number;
  leaseWaitSeconds: number;
  controlPollMs: number;
  heartbeatSeconds: number;
  floodWaitLongSeconds: number;
  floodWaitMaxSeconds: number;
}

export interface PlayerMetrics {
  lineSent(): void;
  chatSkipped(reason: string): void;
  waited(reason: string): void;
  /** A send with no recorded outcome (worker crash, no answer) was checked against its chat. */
  sendChecked(outcome: CheckOutcome): void;
}

export interface PlayerDeps {
  runId: string;
  attempt: number;
  settings: PlayerSettings;
  plans: PlanSource;
  control: ControlSource;
  admin: AdminAccounts;
  gateway: TelegramGateway;
  repo: ProgressRepository;
  /** Publishes now (events with no write of their own: heartbeats, account alerts). */
  publish<E extends EventDef>(event: E, payload: PayloadOf<E>): Promise<void>;
  log: Logger;
  metrics?: PlayerMetrics;
}

export type PlayOutcome = 'finished' | 'already_finished' | 'interrupted';

type LineResult = 'sent' | 'skipped' | 'unconfirmed' | 'chat_skipped' | 'stopped';

/**
 * Plays one run: the plan from the scripts service, each chat in parallel, each line from
 * its role's account at its planned time with typing and reply threading, Telegram failures
 * handled by their reaction, every step recorded with its event, then the engagement window.
 */
export class RunPlayer {
  private plan!: RunPlan;
  private clock!: RunClock;
  private progress!: Progress;
  private control!: RunControl;
  private heartbeat!: Heartbeat;
  private pool: AccountPool | undefined;
  private signal!: AbortSignal;
  private readonly targets = new Map<string, RunTarget>();
  private readonly skippedChats = new Map<string, string>();
  private readonly unavailable = new Map<string, string>();
  /** Telegram chat id → run chat id. */
  private readonly chatIds = new Map<string, string>();
  private readonly crashed = new AbortController();

  constructor(private readonly deps: PlayerDeps) {}

  /** Leases of the run's accounts, given back on a graceful stop (a crash leaves them to expire). */
  async releaseLeases(): Promise<void> {
    await this.pool?.close(true);
  }

  async play(outer: AbortSignal): Promise<PlayOutcome> {
    const { deps } = this;
    const { settings, log } = deps;
    this.signal = AbortSignal.any([outer, this.crashed.signal]);
    // Every chat waits on it at once (up to 500 chats): many listeners are expected here.
    setMaxListeners(0, this.signal);
    const doc = await this.loadPlan();
    if (this.signal.aborted) return 'interrupted';
    const chats = doc?.plan.chats ?? [];
    const restored = await deps.repo.start(
      deps.attempt,
      chats.map((c) => ({ chat_id: c.chatId, title: c.title || null })),
    );
    if (restored.run.status !== 'playing') {
      log.info({ sfcId: deps.runId, status: restored.run.status }, 'run already finished; nothing to do');
      return 'already_finished';
    }
    if (!doc) {
      await deps.repo.finish('failed', [
        { chat_id: null, reason: 'no_plan', text: 'the scripts service has no plan for this run' },
      ]);
      return 'finished';
    }
    this.plan = doc.plan;
    for (const t of doc.targets) {
      this.targets.set(t.chatId, t);
      if (t.telegramId) this.chatIds.set(t.telegramId, t.chatId);
    }
    this.clock = new RunClock(settings.timeScale, doc.plan.startAt, restored.run.firstStartedAt.getTime());
    this.progress = new Progress(restored.lines);
    for (const s of restored.skippedChats) this.skippedChats.set(s.chatId, s.reason);
    for (const u of restored.unavailable) this.unavailable.set(u.accountId, u.reason);

    this.control = new RunControl(deps.control, deps.runId, settings.controlPollMs, log);
    this.heartbeat = new Heartbeat(
      deps.runId,
      (beat) => deps.publish(ScriptHeartbeat, beat),
      settings.heartbeatSeconds * 1000,
      log,
    );
    const background = new AbortController();
    const bg = AbortSignal.any([this.signal, background.signal]);
    const loops = [this.control.poll(bg), this.heartbeat.run(bg), this.followControl(bg)];
    let engagement: EngagementWatcher | undefined;
    try {
      const opened = await this.openAccounts();
      if (opened === 'interrupted') return 'interrupted';
      if (opened === 'refused') return 'finished';
      if (restored.claimed.length > 0) {
        log.info(
          { lines: restored.claimed.map((l) => `${l.chatId}#${l.lineNo}`) },
          'lines were being sent when the last worker died; checking their chats',
        );
        await settleClaims(restored.claimed, {
          pool: this.pool!,
          progress: this.progress,
          repo: deps.repo,
          log,
          line: (chatId, lineNo) =>
            this.plan.chats.find((c) => c.chatId === chatId)?.lines.find((l) => l.lineNo === lineNo),
          target: (chatId) => this.targets.get(chatId),
          joined: (chatId, telegramId) => this.chatIds.set(telegramId, chatId),
          metrics: deps.metrics,
        });
      }
      engagement = new EngagementWatcher({
        plan: this.plan,
        progress: this.progress,
        pool: this.pool!,
        repo: deps.repo,
        clock: this.clock,
        control: this.control,
        signal: this.signal,
        log,
        chats: this.chatIds,
        answered: branchCounts(restored.branchCounts),
      });
      engagement.attach();

      // A restarted worker continues from now: what is overdue is re-planned, never rushed out.
      for (const chat of this.plan.chats) {
        const next = this.progress.nextLine(chat);
        if (next && next.plannedAt - next.typingMs < this.clock.now()) this.replan(chat.chatId, next.lineNo);
      }
      await Promise.all(this.plan.chats.map((chat) => this.playChat(chat)));
      if (this.crashed.signal.aborted) throw this.crashed.signal.reason;
      if (outer.aborted) return 'interrupted';

      const unsettled = this.plan.chats.some(
        (c) => !this.skippedChats.has(c.chatId) && this.progress.nextLine(c) !== undefined,
      );
      const outcome = runOutcome({
        chats: this.plan.chats.length,
        skippedChats: [...this.skippedChats].map(([chatId, reason]) => ({ chatId, reason })),
        unavailableAccounts: [...this.unavailable].map(([accountId, reason]) => ({ accountId, reason })),
        unconfirmed: this.progress
          .all()
          .filter((l) => l.state === 'unconfirmed')
          .map((l) => ({ chatId: l.chatId, lineNo: l.lineNo })),
        sent: this.progress.count('sent'),
        stopped: this.control.stopped && unsettled,
      });
      await deps.repo.finish(outcome.status, outcome.problems);
      log.info(
        { sfcId: deps.runId, status: outcome.status, problems: outcome.problems.length },
        'run finished',
      );

      if (outcome.status === 'done' && settings.engagementWindowSeconds > 0) {
        this.heartbeat.setMode('engagement');
        const until = this.clock.now() + settings.engagementWindowSeconds * 1000;
        let waited: WaitResult = await waitUntil(until, this.waitDeps());
        while (waited === 'paused') {
          await sleep(Math.min(1000, this.clock.realMsUntil(until)), this.signal);
          waited =
            this.signal.aborted || this.control.stopped ? 'stopped' : await waitUntil(until, this.waitDeps());
        }
      }
      await engagement.close();
      await this.pool?.close(true);
      return outer.aborted ? 'interrupted' : 'finished';
    } finally {
      background.abort();
      await Promise.allSettled(loops);
      await engagement?.close();
      if (outer.aborted || this.crashed.signal.aborted) {
        // Connections end as a dead process's would; leases wait for releaseLeases (graceful) or expire.
        await this.pool?.close(false).catch(() => undefined);
      }
    }
  }

  private async loadPlan(): Promise<RunDoc | null> {
    // The scripts service may be restarting: retry for a while, then let the worker crash.
    const deadline = Date.now() + 60_000;
    for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
      try {
        return await this.deps.plans.plan(this.deps.runId);
      } catch (err) {
        if (Date.now() > deadline || this.signal.aborted) throw err;
        this.deps.log.warn({ err: String(err) }, 'cannot read the run plan yet; retrying');
        await sleep(wait, this.signal);
      }
    }
  }

  /** Leases and connects the accounts that still have something to say. */
  private async openAccounts(): Promise<'ok' | 'refused' | 'interrupted'> {
    const { deps } = this;
    const needed = new Set<string>();
    for (const chat of this.plan.chats) {
      if (this.skippedChats.has(chat.chatId)) continue;
      for (const line of chat.lines)
        if (!this.progress.settled(chat.chatId, line.lineNo)) needed.add(line.accountId);
    }
    for (const branch of this.plan.branches) {
      const role = this.plan.roles.find((r) => r.index === branch.role);
      if (role) needed.add(role.accountId);
    }
    for (const id of this.unavailable.keys()) needed.delete(id);
    this.pool = new AccountPool({
      admin: deps.admin,
      gateway: deps.gateway,
      holder: `scripts-worker:${deps.runId}:${deps.attempt}`,
      ttlSeconds: deps.settings.leaseTtlSeconds,
      waitSeconds: deps.settings.leaseWaitSeconds,
      log: deps.log,
      onLost: (accountId) =>
        this.crashed.abort(new Error(`the session lease of account ${accountId} was lost`)),
      onWaiting: (accountId, waiting) =>
        waiting
          ? this.heartbeat.beginWait(`lease:${accountId}`, 'lease', null)
          : this.heartbeat.endWait(`lease:${accountId}`),
    });
    for (const id of this.unavailable.keys()) this.pool.markDown(id, this.unavailable.get(id)!);
    let failures;
    try {
      failures = await this.pool.open([...needed], this.signal);
    } catch (err) {
      if (this.signal.aborted) return 'interrupted';
      if (!(err instanceof SessionLeaseHeld)) throw err;
      // Another live worker plays this account: never two sessions at once.
      await this.pool.close(true);
      await deps.repo.finish('failed', [
        {
          chat_id: null,
          reason: 'account_in_use',
          text: `account ${err.accountId} is used by another worker`,
        },
      ]);
      return 'refused';
    }
    if (this.signal.aborted) return 'interrupted';
    for (const { accountId, error } of failures) {
      if (error instanceof NoCredentials) {
        deps.log.warn(
          { accountId, err: error.message },
          'account has no usable session; its lines are skipped',
        );
        this.unavailable.set(accountId, 'sign_in_failed');
        this.pool.markDown(accountId, 'sign_in_failed');
        await deps.repo.accountUnavailable(accountId, 'sign_in_failed');
        continue;
      }
      if (!isTelegramFailure(error)) throw error;
      const reaction = reactionTo(error, { maxFloodWaitSeconds: deps.settings.floodWaitMaxSeconds });
      // Anything but a verdict on the account (a lost connection) is worth a restart.
      if (reaction.kind !== 'account_down') throw error;
      await this.accountDown(accountId, reaction);
    }
    return 'ok';
  }

  private waitDeps() {
    return { clock: this.clock, control: this.control, signal: this.signal };
  }

  private async followControl(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await new Promise<void>((resolve) => {
        const onAbort = () => (cancel(), resolve());
        const cancel = this.control.onceChanged(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
        signal.addEventListener('abort', onAbort, { once: true });
      });
      if (this.control.paused) this.heartbeat.setMode('paused');
      else if (!this.control.stopped) this.heartbeat.setMode('playing');
    }
  }

  private line(chatId: string, lineNo: number): PlannedLine {
    const line = this.plan.chats.find((c) => c.chatId === chatId)?.lines.find((l) => l.lineNo === lineNo);
    if (!line) throw new Error(`line ${lineNo} of chat ${chatId} is not in the plan`);
    return line;
  }

  private replan(chatId: string, lineNo: number): void {
    this.plan = replanFrom(this.plan, chatId, lineNo, this.clock.now());
  }

  /** After a pause or stop interrupted a wait: true to go on (re-planned by the caller). */
  private async resumeAfter(result: WaitResult): Promise<boolean> {
    if (result === 'stopped') return false;
    if (result === 'paused') return waitWhilePaused(this.control, this.signal);
    return true;
  }

  private stopping(): boolean {
    return this.signal.aborted || this.control.stopped;
  }

  private async playChat(chat: ChatPlan): Promise<void> {
    const target = this.targets.get(chat.chatId);
    if (this.skippedChats.has(chat.chatId)) return;
    if (!target) {
      await this.skipChat(chat, null, 'bad_link');
      return;
    }
    let unknownInARow = 0;
    for (const planned of chat.lines) {
      if (this.progress.settled(chat.chatId, planned.lineNo)) continue;
      if (this.stopping() || this.skippedChats.has(chat.chatId)) return;
      const down =
        this.pool!.isDown(planned.accountId) ??
        (this.pool!.get(planned.accountId) ? undefined : 'unknown_error');
      if (down) {
        await this.skipLine(chat.chatId, planned, down);
        continue;
      }
      const result = await this.playLine(chat, planned.lineNo, target);
      if (result === 'stopped' || result === 'chat_skipped') return;
      unknownInARow = result === 'unconfirmed' ? unknownInARow + 1 : 0;
      if (unknownInARow >= 3) {
        await this.skipChat(chat, planned.lineNo, 'unknown_error');
        return;
      }
    }
  }

  private async playLine(chat: ChatPlan, lineNo: number, target: RunTarget): Promise<LineResult> {
    const { repo, log, metrics } = this.deps;
    const chatId = chat.chatId;
    let unclearTries = 0;
    for (;;) {
      if (this.stopping()) return 'stopped';
      let line = this.line(chatId, lineNo);
      const held = this.pool!.heldUntil(line.accountId);
      if (held > this.clock.now()) {
        // Another chat hit this account's FloodWait: wait it out here too.
        if (!(await this.waitFor(`flood:${line.accountId}:${chatId}`, 'flood_wait', held))) return 'stopped';
        this.replan(chatId, lineNo);
        continue;
      }
      let waited = await waitUntil(line.plannedAt - line.typingMs, this.waitDeps());
      if (waited !== 'time') {
        if (!(await this.resumeAfter(waited))) return 'stopped';
        this.replan(chatId, lineNo);
        continue;
      }
      try {
        const live = this.pool!.get(line.accountId);
        if (!live) return 'skipped';
        const peer = await this.pool!.peer(line.accountId, target, (id) => this.chatIds.set(id, chatId));
        if (line.typingMs > 0) {
          while (waited === 'time' && this.clock.now() < line.plannedAt) {
            await live.account.sendTyping(peer);
            waited = await waitUntil(
              Math.min(line.plannedAt, this.clock.now() + TYPING_RENEW_MS),
              this.waitDeps(),
            );
          }
        } else waited = await waitUntil(line.plannedAt, this.waitDeps());
        if (waited !== 'time') {
          if (!(await this.resumeAfter(waited))) return 'stopped';
          this.replan(chatId, lineNo);
          continue;
        }
        line = this.line(chatId, lineNo);
        return await sendLine(
          { chatId, line, account: live.account, peer, plannedAt: this.clock.toReal(line.plannedAt) },
          { repo, progress: this.progress, log, metrics },
        );
      } catch (err) {
        if (!isTelegramFailure(err)) throw err;
        const reaction = reactionTo(err, { maxFloodWaitSeconds: this.deps.settings.floodWaitMaxSeconds });
        if (reaction.kind === 'wait') {
          const until = this.clock.now() + reaction.seconds * 1000;
          metrics?.waited(reaction.reason);
          log.info({ chatId, lineNo, reason: reaction.reason, seconds: reaction.seconds }, 'waiting it out');
          if (reaction.scope === 'account') {
            this.pool!.hold(line.accountId, until);
            await this.floodWaitNotice(line.accountId, reaction.seconds);
          }
          if (!(await this.waitFor(`${reaction.reason}:${line.accountId}:${chatId}`, reaction.reason, until)))
            return 'stopped';
          this.replan(chatId, lineNo);
          continue;
        }
        if (reaction.kind === 'account_down') {
          await this.accountDown(line.accountId, reaction);
          await this.skipLine(chatId, line, reaction.reason);
          return 'skipped';
        }
        if (reaction.kind === 'unknown' && ++unclearTries <= 2) {
          // A join or typing call without a clear answer: try again shortly.
          await sleep(1000, this.signal);
          continue;
        }
        await this.skipChat(chat, lineNo, reaction.reason);
        return 'chat_skipped';
      }
    }
  }

  /** Waits until run time `until` on purpose (heartbeats say so); false when stopped. */
  private async waitFor(key: string, reason: string, until: number): Promise<boolean> {
    this.heartbeat.beginWait(key, reason, this.clock.toReal(until));
    try {
      for (;;) {
        const result = await waitUntil(until, this.waitDeps());
        if (result === 'time') return true;
        if (!(await this.resumeAfter(result))) return false;
      }
    } finally {
      this.heartbeat.endWait(key);
    }
  }

  private async skipLine(chatId: string, line: PlannedLine, reason: string): Promise<void> {
    await this.deps.repo.skipLine({ chatId, lineNo: line.lineNo, accountId: line.accountId, reason });
    this.progress.set({
      chatId,
      lineNo: line.lineNo,
      accountId: line.accountId,
      state: 'skipped',
      telegramMessageId: null,
    });
  }

  private async skipChat(chat: ChatPlan, onLine: number | null, reason: string): Promise<void> {
    if (this.skippedChats.has(chat.chatId)) return;
    this.skippedChats.set(chat.chatId, reason);
    this.deps.metrics?.chatSkipped(reason);
    this.deps.log.warn({ chatId: chat.chatId, onLine, reason }, 'chat skipped');
    await this.deps.repo.skipChat({ chatId: chat.chatId, title: chat.title || null, onLine, reason });
  }

  /** A long FloodWait is reported: admin shows the account as flood_wait until it ends. */
  private async floodWaitNotice(accountId: string, seconds: number): Promise<void> {
    if (seconds <= this.deps.settings.floodWaitLongSeconds) return;
    const until = new Date(Date.now() + this.clock.realMs(seconds * 1000));
    await Promise.allSettled([
      this.deps.admin.reportStatus(accountId, {
        status: 'flood_wait',
        until,
        reason: `FloodWait ${seconds} s`,
      }),
      this.deps.publish(AccountFloodWait, { account_id: accountId, seconds, until: until.toISOString() }),
    ]).then((results) =>
      results
        .filter((r) => r.status === 'rejected')
        .forEach((r) =>
          this.deps.log.warn({ err: String((r as PromiseRejectedResult).reason) }, 'flood wait not reported'),
        ),
    );
  }

  /** The account cannot go on: admin is told (banned, limited), an alert goes out, its lines are skipped. */
  private async accountDown(
    accountId: string,
    reaction: Extract<Reaction, { kind: 'account_down' }>,
  ): Promise<void> {
    if (this.unavailable.has(accountId)) return;
    this.unavailable.set(accountId, reaction.reason);
    this.pool!.markDown(accountId, reaction.reason);
    const text = reasonTexts(reaction.reason).en;
    this.deps.log.warn({ accountId, reason: reaction.reason }, 'account cannot play any more in this run');
    await this.deps.repo.accountUnavailable(accountId, reaction.reason);
    const reports: Promise<unknown>[] = [];
    if (reaction.accountStatus === 'banned') {
      reports.push(this.deps.admin.reportStatus(accountId, { status: 'banned', reason: text }));
      reports.push(
        this.deps.publish(AccountBanned, { worker_id: accountId, comment: text, replaced_by: null }),
      );
    } else if (reaction.accountStatus === 'limited') {
      reports.push(this.deps.admin.reportStatus(accountId, { status: 'limited', reason: text }));
    } else {
      const until = new Date(Date.now() + this.deps.settings.floodWaitMaxSeconds * 1000);
      reports.push(this.deps.admin.reportStatus(accountId, { status: 'flood_wait', until, reason: text }));
    }
    for (const r of await Promise.allSettled(reports))
      if (r.status === 'rejected')
        this.deps.log.warn({ err: String(r.reason), accountId }, 'account status not reported');
  }
}

function branchCounts(rows: { chatId: string; branchId: string }[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const { chatId, branchId } of rows) {
    const counts = out.get(chatId) ?? {};
    counts[branchId] = (counts[branchId] ?? 0) + 1;
    out.set(chatId, counts);
  }
  return out;
}
