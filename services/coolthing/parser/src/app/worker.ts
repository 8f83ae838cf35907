// One parser account's worker: its session lease from the admin (renewed; it refuses to run
// while another worker holds it), one Telegram connection kept open, the assignment re-read
// until the worker stops, the chats joined, the leads found, and a heartbeat for the watchdog.
import { randomBytes } from 'node:crypto';
import { ACCOUNT_WORKER_EXIT, AccountWorkerHeartbeat } from '@switchyard/contracts';
import { sleep } from '@switchyard/kit';
import {
  AccountBanned as AccountBannedError,
  type TelegramAccount,
  type Unsubscribe,
} from '@switchyard/telegram';
import { SessionLeaseHeld } from '@switchyard/telegram/lease';
import { compileAssignment, type Assignment } from '../domain/assignment';
import { assignedChatIds } from '../domain/leaving';
import { NotAParser } from '../ports/admin';
import { reportBanned, reportFloodWait } from './account-state';
import { ChatWatcher } from './chats';
import type { ParserInfra } from './deps';
import { LeadFinder } from './leads';
import { SessionLease } from './lease';
import { ProfileReader } from './profiles';
import { LongFloodWait, withFloodWaits } from './telegram-calls';

export type WorkerState = 'starting' | 'waiting_for_lease' | 'running' | 'stopping' | 'stopped';

export class ParserWorker {
  readonly holder: string;
  private state: WorkerState = 'starting';
  private account: TelegramAccount | undefined;
  private readonly unsubscribe: Unsubscribe[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private exited = false;
  private banning = false;
  private revision: string | null = null;
  private campaigns = 0;
  private chatsWatched = 0;
  private rejected: { campaignId: string; error: string }[] = [];
  private readonly chats: ChatWatcher;
  private readonly lease: SessionLease;
  private readonly profiles: ProfileReader;
  readonly leads: LeadFinder;
  /** Aborts the assignment loop when the worker ends by itself (ban, long flood wait, lease lost). */
  private readonly ended = new AbortController();

  constructor(
    private readonly infra: ParserInfra,
    private readonly exit: (code: number) => void,
  ) {
    this.holder = `parser:${infra.accountId}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.lease = new SessionLease(infra, this.holder, {
      waiting: () => this.setState('waiting_for_lease'),
      lost: () => {
        // Another worker has the session now: stop using it at once.
        this.finish(ACCOUNT_WORKER_EXIT.leaseHeld);
        void this.closeAccount();
      },
    });
    this.chats = new ChatWatcher(infra);
    this.profiles = new ProfileReader(infra, (reason) => void this.banned(reason));
    this.leads = new LeadFinder(infra, this.profiles, () => this.account);
  }

  status() {
    return {
      accountId: this.infra.accountId,
      state: this.state,
      holder: this.holder,
      revision: this.revision,
      campaigns: this.campaigns,
      rejectedCampaigns: this.rejected,
      chatsWatched: this.chatsWatched,
      chatsUnavailable: this.chats.unavailableCount,
      ...this.leads.counters,
      profileReads: this.profiles.reads,
    };
  }

  isRunning(): boolean {
    return this.state === 'running';
  }

  async run(outer: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([outer, this.ended.signal]);
    const { infra } = this;
    this.startHeartbeat();
    try {
      await this.lease.take(signal);
    } catch (err) {
      if (signal.aborted) return;
      const held = err instanceof SessionLeaseHeld;
      infra.log.error(
        { accountId: infra.accountId, err: String(err) },
        'no session lease: this worker does not run',
      );
      return this.finish(held ? ACCOUNT_WORKER_EXIT.leaseHeld : 1);
    }
    if (signal.aborted) return;
    let selfId: string;
    try {
      const credentials = await infra.admin.credentials(infra.accountId);
      this.account = await infra.gateway.connect(credentials);
      selfId = (await this.account.me()).id;
    } catch (err) {
      if (err instanceof AccountBannedError) return this.banned(err.rpcText ?? 'banned');
      infra.log.error(
        { accountId: infra.accountId, err: String(err) },
        'the account could not connect; exiting for a restart',
      );
      return this.finish(1);
    }
    this.unsubscribe.push(
      this.account.onMessage((m) => this.leads.accept(m), { scope: 'chats' }),
      this.account.onAccountEvent((e) => {
        if (e.type === 'banned') void this.banned(e.reason);
      }),
    );
    this.setState('running');
    infra.log.info({ accountId: infra.accountId }, 'parser worker running');
    await this.followAssignment(selfId, signal);
  }

  /**
   * Reads the assignment now and every PARSER_ASSIGNMENT_POLL_SECONDS, applying it when its
   * revision changes; every PARSER_ACCOUNT_CHECK_SECONDS asks Telegram for the account itself,
   * so a ban is noticed even when no message calls for Telegram.
   */
  private async followAssignment(selfId: string, signal: AbortSignal): Promise<void> {
    const { infra } = this;
    let checkedAt = Date.now();
    while (!signal.aborted) {
      try {
        const assignment = await infra.admin.assignment(infra.accountId);
        if (assignment.revision !== this.revision) await this.apply(assignment, selfId, signal);
        if (Date.now() - checkedAt >= infra.config.PARSER_ACCOUNT_CHECK_SECONDS * 1000) {
          checkedAt = Date.now();
          await withFloodWaits(infra, () => this.account!.me(), signal);
        }
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof LongFloodWait) return this.floodPaused(err);
        if (err instanceof AccountBannedError) return this.banned(err.rpcText ?? 'banned');
        if (err instanceof NotAParser) {
          infra.log.warn({ err: err.message }, 'nothing to parse; stopping');
          return this.finish(ACCOUNT_WORKER_EXIT.done);
        }
        infra.log.warn({ err: String(err) }, 'assignment not applied; trying again');
      }
      await sleep(infra.config.PARSER_ASSIGNMENT_POLL_SECONDS * 1000, signal);
    }
  }

  private async apply(assignment: Assignment, selfId: string, signal: AbortSignal): Promise<void> {
    const { infra } = this;
    const { campaigns, rejected } = compileAssignment(assignment, infra.config.PARSER_DEDUP_WINDOW_SECONDS);
    for (const r of rejected)
      infra.log.error(r, 'campaign keywords do not compile; the campaign is not parsed');
    const context = { selfId, knownAccountUserIds: new Set(assignment.knownAccountUserIds) };
    this.campaigns = campaigns.length;
    this.rejected = rejected;
    const routes = await this.chats.apply(this.account!, campaigns, signal, (partial) => {
      this.leads.use(partial, context);
      this.chatsWatched = partial.size;
    });
    if (signal.aborted) return;
    // Only once the new routes are in use: nothing routes to a chat left from now on. The raw
    // campaigns, not the compiled ones: a campaign with a broken keyword keeps its chats.
    const left = await this.chats.leaveDropped(this.account!, assignedChatIds(assignment.campaigns), signal);
    if (signal.aborted) return;
    this.revision = assignment.revision;
    infra.log.info(
      {
        revision: assignment.revision,
        campaigns: campaigns.length,
        chats: routes.size,
        unavailable: this.chats.unavailableCount,
        left,
      },
      'assignment applied',
    );
    this.beat();
  }

  /** The account is banned: tell everyone, stop. The watchdog swaps in a reserve account. */
  private async banned(reason: string): Promise<void> {
    // The stream's event and the failing call may both report the ban.
    if (this.exited || this.banning) return;
    this.banning = true;
    this.infra.log.error({ accountId: this.infra.accountId, reason }, 'the account is banned');
    this.ended.abort();
    await reportBanned(this.infra, reason);
    this.finish(ACCOUNT_WORKER_EXIT.banned);
  }

  /** A long FloodWait: the account pauses (the admin gives its chats to the others) and the worker exits. */
  private async floodPaused(wait: LongFloodWait): Promise<void> {
    const { infra } = this;
    infra.log.warn(
      { accountId: infra.accountId, seconds: wait.seconds },
      'long flood wait; pausing the account',
    );
    this.ended.abort();
    await reportFloodWait(infra, wait);
    this.finish(ACCOUNT_WORKER_EXIT.floodWait);
  }

  private finish(code: number): void {
    if (this.exited) return;
    this.exited = true;
    this.ended.abort();
    this.setState('stopping');
    this.exit(code);
  }

  private setState(state: WorkerState): void {
    if (this.state === state) return;
    this.state = state;
    this.beat();
  }

  private startHeartbeat(): void {
    this.beat();
    this.heartbeat = setInterval(() => this.beat(), this.infra.config.PARSER_HEARTBEAT_SECONDS * 1000);
    this.heartbeat.unref();
  }

  /** AccountWorkerHeartbeat: the watchdog restarts a worker that stays silent. */
  private beat(): void {
    const { infra } = this;
    if (this.state === 'stopped') return;
    const c = this.leads.counters;
    void infra.bus
      .publish(AccountWorkerHeartbeat, {
        account_id: infra.accountId,
        role: 'parser',
        holder: this.holder,
        state: this.state,
        campaigns: this.campaigns,
        chats_watched: this.chatsWatched,
        chats_unavailable: this.chats.unavailableCount,
        messages_seen: c.seen,
        leads: c.leads,
        at: infra.clock().toISOString(),
      })
      .catch((err: unknown) => infra.log.warn({ err: String(err) }, 'heartbeat not published'));
  }

  private async closeAccount(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    await this.account?.close().catch(() => undefined);
    this.account = undefined;
  }

  /** Graceful stop: the messages taken handled, the connection closed, the lease given back. */
  async stop(): Promise<void> {
    this.ended.abort();
    for (const u of this.unsubscribe.splice(0)) u();
    await this.leads.drained();
    await this.closeAccount();
    await this.lease.release();
    clearInterval(this.heartbeat);
    this.state = 'stopped';
  }
}
