// One manager account's worker: its session lease from the admin (renewed; the worker refuses
// to run while another holds it), one Telegram connection kept open, the outbound queue of its
// account, the sender and the inbox.
import { randomBytes } from 'node:crypto';
import { sleep } from '@switchyard/kit';
import {
  AccountBanned as AccountBannedError,
  type TelegramAccount,
  type Unsubscribe,
} from '@switchyard/telegram';
import { SessionLeaseHeld, SessionLeaseLost } from '@switchyard/telegram/lease';
import type { WorkerInfra } from './deps';
import { Inbox } from './inbox';
import { Sender } from './sender';

export type WorkerState = 'starting' | 'waiting_for_lease' | 'running' | 'banned' | 'stopped';

export interface WorkerHooks {
  /** Starts consuming the account's outbound queue (after the lease and the connection). */
  consumeOutbound(onMessage: () => void): Promise<void>;
  /** The worker is done (banned, lease lost, refused): the runtime should stop it with this code. */
  exit(code: number): void;
}

export class AccountWorker {
  readonly holder: string;
  private state: WorkerState = 'starting';
  private account: TelegramAccount | undefined;
  private renewal: NodeJS.Timeout | undefined;
  private readonly unsubscribe: Unsubscribe[] = [];
  private leaseHeld = false;
  readonly sender: Sender;
  readonly inbox: Inbox;
  private bannedOnce = false;

  constructor(
    private readonly infra: WorkerInfra,
    private readonly hooks: WorkerHooks,
  ) {
    this.holder = `bot:${infra.accountId}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.sender = new Sender(
      infra,
      () => this.connected(),
      (reason) => void this.banned(reason),
    );
    this.inbox = new Inbox(infra);
  }

  status() {
    return {
      accountId: this.infra.accountId,
      state: this.state,
      holder: this.holder,
      ...this.sender.status(),
    };
  }

  isRunning(): boolean {
    return this.state === 'running';
  }

  private connected(): TelegramAccount {
    if (!this.account) throw new Error('the account is not connected');
    return this.account;
  }

  async run(signal: AbortSignal): Promise<void> {
    const { infra } = this;
    try {
      await this.takeLease(signal);
    } catch (err) {
      if (signal.aborted) return;
      infra.log.error(
        { accountId: infra.accountId, err: String(err) },
        'no session lease: this worker does not run',
      );
      this.state = 'stopped';
      this.hooks.exit(1);
      return;
    }
    if (signal.aborted) return;
    try {
      const credentials = await infra.admin.credentials(infra.accountId);
      this.account = await infra.gateway.connect(credentials);
    } catch (err) {
      if (err instanceof AccountBannedError) return void (await this.banned(err.rpcText ?? 'banned'));
      infra.log.error(
        { accountId: infra.accountId, err: String(err) },
        'the account could not connect; exiting for a restart',
      );
      this.state = 'stopped';
      this.hooks.exit(1);
      return;
    }
    this.unsubscribe.push(
      this.account.onMessage((m) => this.inbox.accept(m), { scope: 'private' }),
      this.account.onAccountEvent((e) => {
        if (e.type === 'banned') void this.banned(e.reason);
      }),
    );
    const recovered = await this.sender.recover();
    if (recovered > 0) infra.log.warn({ recovered }, 'sends of a previous worker reported as unconfirmed');
    await this.hooks.consumeOutbound(() => this.sender.wake());
    this.state = 'running';
    infra.log.info({ accountId: infra.accountId }, 'account worker running');
    await this.sender.run(signal);
  }

  /** Takes the lease, waiting up to BOT_LEASE_WAIT_SECONDS for another holder's to run out; then keeps it renewed. */
  private async takeLease(signal: AbortSignal): Promise<void> {
    const { infra } = this;
    const { config } = infra;
    const deadline = Date.now() + config.BOT_LEASE_WAIT_SECONDS * 1000;
    for (;;) {
      try {
        await infra.admin.lease(infra.accountId, this.holder, config.BOT_LEASE_TTL_SECONDS);
        break;
      } catch (err) {
        if (Date.now() >= deadline || signal.aborted) throw err;
        if (err instanceof SessionLeaseHeld) this.state = 'waiting_for_lease';
        await sleep(Math.min(2000, (config.BOT_LEASE_TTL_SECONDS * 1000) / 3), signal);
      }
    }
    this.leaseHeld = true;
    this.renewal = setInterval(() => void this.renew(), (config.BOT_LEASE_TTL_SECONDS * 1000) / 3);
    this.renewal.unref();
  }

  private async renew(): Promise<void> {
    const { infra } = this;
    try {
      await infra.admin.renew(infra.accountId, this.holder, infra.config.BOT_LEASE_TTL_SECONDS);
    } catch (err) {
      if (!(err instanceof SessionLeaseLost)) {
        infra.log.warn({ err: String(err) }, 'lease renewal failed; trying again');
        return;
      }
      // Another worker has the session now: stop using it at once.
      infra.log.error({ accountId: infra.accountId }, 'session lease lost; stopping');
      this.leaseHeld = false;
      clearInterval(this.renewal);
      this.sender.end();
      await this.closeAccount();
      this.state = 'stopped';
      this.hooks.exit(1);
    }
  }

  /**
   * The account is banned: give back what waits, tell the admin (the status moves the account's
   * chats), stop. account.banned is the watchdog's to publish, once and naming the reserve
   * account that takes over: one from here could only say there is none.
   */
  private async banned(reason: string): Promise<void> {
    if (this.bannedOnce) return;
    this.bannedOnce = true;
    const { infra } = this;
    this.state = 'banned';
    infra.log.error({ accountId: infra.accountId, reason }, 'the account is banned');
    await this.sender
      .bannedGiveBack(reason)
      .catch((err: unknown) => infra.log.error({ err: String(err) }, 'give-back failed'));
    await infra.admin
      .reportStatus(infra.accountId, { status: 'banned', reason })
      .catch((err: unknown) => infra.log.warn({ err: String(err) }, 'ban not reported to the admin'));
    // Requests already on their way are given back too (the manager stops sending new ones once
    // the watchdog's AccountBanned reaches it). Exit 0: the watchdog sees the ban in the admin.
    const drain = setTimeout(() => {
      this.sender.end();
      this.hooks.exit(0);
    }, infra.config.BOT_BANNED_DRAIN_SECONDS * 1000);
    drain.unref();
  }

  private async closeAccount(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    await this.account?.close().catch(() => undefined);
    this.account = undefined;
  }

  /** Graceful stop: the inbox drained, the connection closed, the lease given back. */
  async stop(): Promise<void> {
    clearInterval(this.renewal);
    this.sender.end();
    await this.inbox.drained();
    await this.closeAccount();
    if (this.leaseHeld) {
      this.leaseHeld = false;
      await this.infra.admin
        .release(this.infra.accountId, this.holder)
        .catch((err: unknown) => this.infra.log.warn({ err: String(err) }, 'lease not released'));
    }
    if (this.state !== 'banned') this.state = 'stopped';
  }
}
