// Sends the account's requested messages one by one: after `not_before`, with the account's
// pacing and jitter, typing first, the do-not-contact list checked right before the send. Every
// failure has its reaction (reactions.ts); a message is never sent twice.
import { AccountFloodWait, OutboundMessageFailed, OutboundMessageSent } from '@switchyard/contracts';
import type { TelegramAccount } from '@switchyard/telegram';
import type { DeliveryRow } from '../db';
import { readyAt, typingMs } from '../domain/pacing';
import { reactionTo } from '../domain/reactions';
import { lastSent, noteSent, pendingOf, transition, unconfirmedOf } from '../repositories/deliveries';
import { isSuppressed } from '../repositories/suppressions';
import type { WorkerInfra } from './deps';

export class Sender {
  /** Until when a long FloodWait keeps the account silent. */
  private pausedUntil = 0;
  /** PeerFlood: Telegram refuses first messages from this account; conversations go on. */
  private limited = false;
  private ended = false;
  /** Banned: whatever still arrives is given back at once, until the worker stops. */
  private givingBack: { reason: string; detail: string } | null = null;
  private wakeUp: (() => void) | undefined;
  /** A wake that came while a step was running: the step's sleep is skipped, not slept through. */
  private woken = false;

  constructor(
    private readonly infra: WorkerInfra,
    private readonly account: () => TelegramAccount,
    private readonly onBanned: (reason: string) => void,
  ) {}

  status() {
    return {
      pausedUntil: this.pausedUntil > Date.now() ? new Date(this.pausedUntil).toISOString() : null,
      limited: this.limited,
      ended: this.ended,
    };
  }

  /** A new message arrived: look again now. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  /** Sends a previous worker started and never confirmed are reported, never sent again. */
  async recover(): Promise<number> {
    const rows = await unconfirmedOf(this.infra.db, this.infra.accountId);
    for (const row of rows)
      await this.fail(
        row,
        'sending',
        'unconfirmed',
        false,
        'the previous worker stopped while sending; not sent again (it may or may not have arrived)',
        'unconfirmed',
      );
    return rows.length;
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !this.ended) {
      try {
        await this.step(signal);
      } catch (err) {
        // The database or the sandbox hiccuped: the loop goes on (the message stays pending or sending).
        if (signal.aborted) return;
        this.infra.log.warn({ err: String(err) }, 'sender step failed; going on');
        await this.sleep(1000, signal);
      }
    }
  }

  private async step(signal: AbortSignal): Promise<void> {
    const { config } = this.infra;
    // What the step reads includes everything committed before this point.
    this.woken = false;
    if (this.givingBack) {
      await this.giveBackAll(this.givingBack.reason, this.givingBack.detail);
      await this.sleep(config.BOT_TICK_MS, signal);
      return;
    }
    const now = this.infra.clock().getTime();
    if (this.pausedUntil > now) {
      await this.sleep(Math.min(this.pausedUntil - now, 5000), signal);
      return;
    }
    const next = await this.next();
    if (!next) {
      await this.sleep(config.BOT_TICK_MS, signal);
      return;
    }
    const wait = next.at.getTime() - this.infra.clock().getTime();
    if (wait > 0) {
      await this.sleep(Math.min(wait, config.BOT_TICK_MS * 4), signal);
      return;
    }
    await this.deliver(next.row);
  }

  /** The pending message that may go first, and when. */
  private async next(): Promise<{ row: DeliveryRow; at: Date } | null> {
    const { config, db, accountId } = this.infra;
    const rows = await pendingOf(db, accountId, 100);
    if (rows.length === 0) return null;
    const scale = config.BOT_TIME_SCALE;
    const gaps = {
      offerMs: (config.BOT_OFFER_GAP_SECONDS * 1000) / scale,
      otherMs: (config.BOT_REPLY_GAP_SECONDS * 1000) / scale,
    };
    const last = await lastSent(db, accountId);
    let best: { row: DeliveryRow; at: Date } | null = null;
    for (const row of rows) {
      if (this.limited && row.kind === 'offer') {
        await this.fail(
          row,
          'pending',
          'account_limited',
          true,
          'the account is limited by Telegram (PeerFlood)',
          'account_limited',
        );
        continue;
      }
      const at = readyAt({
        notBefore: row.not_before,
        retryAt: row.retry_at,
        lastSentAt: last.any,
        kind: row.kind,
        jitterMs: row.jitter_ms / scale,
        gaps,
      });
      if (!best || at < best.at) best = { row, at };
    }
    return best;
  }

  private async deliver(row: DeliveryRow): Promise<void> {
    const { infra } = this;
    const { config } = infra;
    const now = infra.clock();
    if (now.getTime() - row.not_before.getTime() > config.BOT_MAX_LATENESS_SECONDS * 1000) {
      await this.fail(
        row,
        'pending',
        'expired',
        true,
        'the account worker was down too long; given back unsent',
        'expired',
      );
      return;
    }
    if (await isSuppressed(infra.db, { userId: row.user_id, username: row.username })) {
      await this.fail(
        row,
        'pending',
        'suppressed',
        false,
        'the user is on the do-not-contact list',
        'suppressed',
      );
      return;
    }
    const peer = row.username ? `@${row.username}` : row.user_id;
    const attempts = row.attempts + 1;
    let stage: 'typing' | 'sending' = 'typing';
    try {
      await this.account().sendTyping(peer, 'typing');
      await this.sleepPlain(
        typingMs(
          row.text,
          config.BOT_TYPING_MS_PER_CHAR,
          config.BOT_TYPING_MIN_MS,
          config.BOT_TYPING_MAX_MS,
        ) / config.BOT_TIME_SCALE,
      );
      // The point of no return: from here on a crash means "maybe sent", never "send again".
      const claimed = await transition(infra.db, row.outbound_id, 'pending', { state: 'sending', attempts });
      if (!claimed) return;
      stage = 'sending';
      const sent = await this.account().sendMessage(peer, row.text);
      const at = infra.clock();
      await infra.transaction(async (trx, publish) => {
        await transition(trx, row.outbound_id, 'sending', {
          state: 'sent',
          telegram_message_id: sent.id,
          sent_at: at,
          retry_at: null,
        });
        await noteSent(trx, infra.accountId, at, row.kind === 'offer');
        await publish(OutboundMessageSent, {
          outbound_id: row.outbound_id,
          lead_id: row.lead_id,
          campaign_id: row.campaign_id,
          account_id: infra.accountId,
          user_id: row.user_id,
          telegram_message_id: sent.id,
          text: row.text,
          sent_at: at.toISOString(),
        });
      });
      infra.metrics.sent.inc({ kind: row.kind });
      infra.log.info(
        { outboundId: row.outbound_id, leadId: row.lead_id, kind: row.kind },
        'private message sent',
      );
    } catch (err) {
      await this.react(row, stage === 'sending' ? 'sending' : 'pending', attempts, err);
    }
  }

  private async react(
    row: DeliveryRow,
    from: 'pending' | 'sending',
    attempts: number,
    err: unknown,
  ): Promise<void> {
    const { infra } = this;
    const { config } = infra;
    const reaction = reactionTo(err, config.BOT_FLOOD_WAIT_LONG_SECONDS);
    const now = infra.clock();
    const back = (retryAt: Date) =>
      transition(infra.db, row.outbound_id, from, { state: 'pending', retry_at: retryAt, attempts });
    infra.log.warn(
      { outboundId: row.outbound_id, reaction: reaction.kind, error: (err as Error).message },
      'send failed',
    );
    switch (reaction.kind) {
      case 'wait':
        infra.metrics.floodWaits.inc();
        await back(new Date(now.getTime() + (reaction.seconds * 1000) / config.BOT_TIME_SCALE));
        return;
      case 'flood_wait': {
        infra.metrics.floodWaits.inc();
        const until = new Date(now.getTime() + (reaction.seconds * 1000) / config.BOT_TIME_SCALE);
        this.pausedUntil = until.getTime();
        await this.fail(row, from, 'flood_wait', true, `flood wait of ${reaction.seconds} s`, 'flood_wait');
        await this.giveBackAll('flood_wait', `the account is in a flood wait until ${until.toISOString()}`);
        await infra.bus.publish(AccountFloodWait, {
          account_id: infra.accountId,
          seconds: reaction.seconds,
          until: until.toISOString(),
        });
        await this.report({ status: 'flood_wait', until, reason: `FLOOD_WAIT_${reaction.seconds}` });
        return;
      }
      case 'limited':
        this.limited = true;
        await this.fail(
          row,
          from,
          'peer_flood',
          row.kind === 'offer',
          'the account is limited by Telegram (PeerFlood)',
          'peer_flood',
        );
        await this.report({ status: 'limited', reason: 'PEER_FLOOD' });
        return;
      case 'banned':
        await this.fail(
          row,
          from,
          'account_banned',
          true,
          `the account is banned (${reaction.reason})`,
          'account_banned',
        );
        this.onBanned(reaction.reason);
        return;
      case 'skip':
        await this.fail(row, from, reaction.reason, false, reaction.detail, reaction.reason);
        return;
      case 'transient':
        if (attempts < config.BOT_SEND_ATTEMPTS) {
          await back(new Date(now.getTime() + config.BOT_RETRY_DELAY_MS * 2 ** (attempts - 1)));
          return;
        }
        await this.fail(
          row,
          from,
          'unknown_error',
          true,
          `failed ${attempts} times: ${reaction.detail}`,
          'unknown_error',
        );
        return;
    }
  }

  /** The account is gone: everything waiting, and whatever still comes, goes back to the manager. */
  async bannedGiveBack(reason: string): Promise<void> {
    this.givingBack = { reason: 'account_banned', detail: `the account is banned (${reason})` };
    await this.giveBackAll(this.givingBack.reason, this.givingBack.detail);
    this.wake();
  }

  private async giveBackAll(reason: string, detail: string): Promise<void> {
    for (const row of await pendingOf(this.infra.db, this.infra.accountId, 10_000))
      await this.fail(row, 'pending', reason, true, detail, reason);
  }

  /** Marks the message failed and tells the manager, in one transaction (outbox). */
  private async fail(
    row: DeliveryRow,
    from: DeliveryRow['state'],
    reason: string,
    retryable: boolean,
    detail: string,
    metric: string,
  ): Promise<void> {
    const { infra } = this;
    const at = infra.clock();
    const done = await infra.transaction(async (trx, publish) => {
      const moved = await transition(trx, row.outbound_id, from, {
        state: reason === 'unconfirmed' ? 'unconfirmed' : 'failed',
        failure_reason: reason,
        failure_detail: detail.slice(0, 500),
      });
      if (!moved) return false;
      await publish(OutboundMessageFailed, {
        outbound_id: row.outbound_id,
        lead_id: row.lead_id,
        campaign_id: row.campaign_id,
        account_id: infra.accountId,
        user_id: row.user_id,
        reason: reason.slice(0, 64),
        detail: detail.slice(0, 500),
        retryable,
        failed_at: at.toISOString(),
      });
      return true;
    });
    if (done) infra.metrics.failures.inc({ reason: metric });
  }

  private async report(report: Parameters<WorkerInfra['admin']['reportStatus']>[1]): Promise<void> {
    await this.infra.admin
      .reportStatus(this.infra.accountId, report)
      .catch((err: unknown) =>
        this.infra.log.warn({ err: String(err), status: report.status }, 'account status not reported'),
      );
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        if (this.wakeUp === done) this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal.addEventListener('abort', done, { once: true });
      this.wakeUp = done;
    });
  }

  private sleepPlain(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, Math.max(0, ms)));
  }
}
