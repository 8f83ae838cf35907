import { sleep, type Logger } from '@switchyard/kit';
import type { TelegramAccount, TelegramGateway } from '@switchyard/telegram';
import { SessionLeaseHeld, SessionLeaseLost } from '@switchyard/telegram/lease';
import type { AdminAccounts, RunTarget } from '../ports/run-services';

export interface PoolDeps {
  admin: AdminAccounts;
  gateway: TelegramGateway;
  /** Lease holder: this worker (run and attempt). */
  holder: string;
  ttlSeconds: number;
  waitSeconds: number;
  log: Logger;
  /** The lease of an account was lost: another worker may use its session now. */
  onLost(accountId: string): void;
  /** Waiting for another worker's lease to run out. */
  onWaiting(accountId: string, waiting: boolean): void;
}

interface Live {
  account: TelegramAccount;
  userId: string;
}

/**
 * The run's accounts: each leased through admin (renewed while the run plays), connected
 * once and kept open for the whole run (the original opened a connection per message), its
 * chats joined once before its first line there (the original never joined).
 */
export class AccountPool {
  private readonly live = new Map<string, Live>();
  private readonly leased = new Set<string>();
  private readonly down = new Map<string, string>();
  /** Run time until which an account waits out a FloodWait. */
  private readonly holds = new Map<string, number>();
  private readonly peers = new Map<string, Promise<string>>();
  private renewing: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly deps: PoolDeps) {}

  /**
   * Leases and connects each account. An account another worker holds is waited for (a
   * crashed worker's lease runs out); still held after the wait, SessionLeaseHeld is thrown.
   * Telegram refusing an account comes back in the list, the others still open.
   */
  async open(accountIds: string[], signal: AbortSignal): Promise<{ accountId: string; error: unknown }[]> {
    const failures: { accountId: string; error: unknown }[] = [];
    for (const accountId of accountIds) {
      if (this.down.has(accountId) || this.live.has(accountId)) continue;
      await this.lease(accountId, signal);
      if (signal.aborted) return failures;
      try {
        const credentials = await this.deps.admin.credentials(accountId);
        const account = await this.deps.gateway.connect(credentials);
        const me = await account.me();
        this.live.set(accountId, { account, userId: me.id });
      } catch (error) {
        failures.push({ accountId, error });
      }
    }
    this.renewing ??= setInterval(() => void this.renew(), Math.max(500, (this.deps.ttlSeconds * 1000) / 3));
    this.renewing.unref();
    return failures;
  }

  private async lease(accountId: string, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + this.deps.waitSeconds * 1000;
    let waiting = false;
    try {
      for (;;) {
        try {
          await this.deps.admin.lease(accountId, this.deps.holder, this.deps.ttlSeconds);
          this.leased.add(accountId);
          return;
        } catch (err) {
          if (!(err instanceof SessionLeaseHeld) || Date.now() >= deadline || signal.aborted) throw err;
          if (!waiting) {
            waiting = true;
            this.deps.onWaiting(accountId, true);
            this.deps.log.info(
              { accountId },
              'account held by another worker; waiting for its lease to run out',
            );
          }
          await sleep(1000, signal);
        }
      }
    } finally {
      if (waiting) this.deps.onWaiting(accountId, false);
    }
  }

  private async renew(): Promise<void> {
    for (const accountId of this.leased) {
      try {
        await this.deps.admin.renew(accountId, this.deps.holder, this.deps.ttlSeconds);
      } catch (err) {
        if (err instanceof SessionLeaseLost) {
          this.deps.log.error({ accountId }, 'session lease lost; stopping');
          this.deps.onLost(accountId);
        } else this.deps.log.warn({ accountId, err: String(err) }, 'lease renewal failed; will retry');
      }
    }
  }

  get(accountId: string): Live | undefined {
    return this.down.has(accountId) ? undefined : this.live.get(accountId);
  }

  /** Telegram user ids of the run's accounts (their messages are not engagement). */
  userIds(): Set<string> {
    return new Set([...this.live.values()].map((l) => l.userId));
  }

  accounts(): TelegramAccount[] {
    return [...this.live.values()].map((l) => l.account);
  }

  isDown(accountId: string): string | undefined {
    return this.down.get(accountId);
  }

  markDown(accountId: string, reason: string): void {
    if (!this.down.has(accountId)) this.down.set(accountId, reason);
  }

  heldUntil(accountId: string): number {
    return this.holds.get(accountId) ?? 0;
  }

  hold(accountId: string, until: number): void {
    this.holds.set(accountId, Math.max(until, this.heldUntil(accountId)));
  }

  /** The chat's Telegram id for this account, joining it the first time (joining twice is harmless). */
  peer(accountId: string, target: RunTarget, onJoined: (telegramChatId: string) => void): Promise<string> {
    const key = `${accountId}\u0000${target.chatId}`;
    let p = this.peers.get(key);
    if (!p) {
      const live = this.get(accountId);
      if (!live) return Promise.reject(new Error(`account ${accountId} is not connected`));
      p = live.account.join(target.ref).then((chat) => {
        onJoined(chat.id);
        return chat.id;
      });
      this.peers.set(key, p);
      // A failed join may be tried again (after a FloodWait, say).
      p.catch(() => this.peers.delete(key));
    }
    return p;
  }

  /**
   * Closes every connection. `release` gives the leases back (a normal end or a graceful
   * stop); a crash leaves them to run out, as a dead process would.
   */
  async close(release: boolean): Promise<void> {
    if (this.renewing) clearInterval(this.renewing);
    this.renewing = undefined;
    await Promise.allSettled([...this.live.values()].map((l) => l.account.close()));
    this.live.clear();
    if (release)
      await Promise.allSettled([...this.leased].map((id) => this.deps.admin.release(id, this.deps.holder)));
    this.leased.clear();
  }
}
