// The account's session lease from the admin: one live worker per session. Taken (waiting a
// while for another holder's to run out), renewed at a third of its time, given back on stop.
import { sleep } from '@switchyard/kit';
import { SessionLeaseHeld, SessionLeaseLost } from '@switchyard/telegram/lease';
import type { ParserInfra } from './deps';

export class SessionLease {
  private renewal: NodeJS.Timeout | undefined;
  private held = false;

  constructor(
    private readonly infra: ParserInfra,
    readonly holder: string,
    private readonly hooks: { waiting(): void; lost(): void },
  ) {}

  /** Throws SessionLeaseHeld when another holder still has it after PARSER_LEASE_WAIT_SECONDS. */
  async take(signal: AbortSignal): Promise<void> {
    const { infra } = this;
    const { config } = infra;
    const deadline = Date.now() + config.PARSER_LEASE_WAIT_SECONDS * 1000;
    for (;;) {
      try {
        await infra.admin.lease(infra.accountId, this.holder, config.PARSER_LEASE_TTL_SECONDS);
        break;
      } catch (err) {
        if (Date.now() >= deadline || signal.aborted) throw err;
        if (err instanceof SessionLeaseHeld) this.hooks.waiting();
        await sleep(Math.min(2000, (config.PARSER_LEASE_TTL_SECONDS * 1000) / 3), signal);
      }
    }
    this.held = true;
    this.renewal = setInterval(() => void this.renew(), (config.PARSER_LEASE_TTL_SECONDS * 1000) / 3);
    this.renewal.unref();
  }

  private async renew(): Promise<void> {
    const { infra } = this;
    try {
      await infra.admin.renew(infra.accountId, this.holder, infra.config.PARSER_LEASE_TTL_SECONDS);
    } catch (err) {
      if (!(err instanceof SessionLeaseLost)) {
        infra.log.warn({ err: String(err) }, 'lease renewal failed; trying again');
        return;
      }
      // Another worker has the session now: it must not be used here any more.
      infra.log.error({ accountId: infra.accountId }, 'session lease lost; stopping');
      this.held = false;
      clearInterval(this.renewal);
      this.hooks.lost();
    }
  }

  async release(): Promise<void> {
    clearInterval(this.renewal);
    if (!this.held) return;
    this.held = false;
    await this.infra.admin
      .release(this.infra.accountId, this.holder)
      .catch((err: unknown) => this.infra.log.warn({ err: String(err) }, 'lease not released'));
  }
}
