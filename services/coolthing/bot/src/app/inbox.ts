// Private messages to the account: stored once, opt-outs detected (the user is suppressed at
// once, here and everywhere through LeadOptedOut), and handed to the manager as LeadReplied.
import { LeadOptedOut, LeadReplied } from '@switchyard/contracts';
import type { TelegramMessage } from '@switchyard/telegram';
import { optOutId, suppress } from '../repositories/suppressions';
import type { WorkerInfra } from './deps';

export class Inbox {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly infra: WorkerInfra) {}

  /** Takes messages in arrival order, one at a time. */
  accept(message: TelegramMessage): void {
    this.chain = this.chain
      .then(() => this.withRetry(message))
      .catch((err: unknown) =>
        this.infra.log.error(
          { err: String(err), telegramMessageId: message.id },
          'incoming private message lost',
        ),
      );
  }

  /** Resolves when every message taken so far is stored. */
  drained(): Promise<void> {
    return this.chain;
  }

  private async withRetry(message: TelegramMessage): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store(message);
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }

  private async store(message: TelegramMessage): Promise<void> {
    const { infra } = this;
    const sender = message.sender;
    if (message.outgoing || !sender || sender.isBot || message.chat.kind !== 'private') return;
    const text = message.text.slice(0, 4096);
    // This worker's clock, like the sent times: Telegram's (or the sandbox's scaled) clock may differ.
    const receivedAt = infra.clock();
    const phrase = infra.optOut.match(text);
    const stored = await infra.transaction(async (trx, publish) => {
      const row = await trx
        .insertInto('inbound')
        .values({
          account_id: infra.accountId,
          telegram_message_id: message.id,
          user_id: sender.id,
          opted_out: phrase !== null,
          received_at: receivedAt,
        })
        .onConflict((oc) => oc.columns(['account_id', 'user_id', 'telegram_message_id']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      if (!row) return false;
      if (phrase !== null) {
        // Suppressed here first: this worker refuses the next message even before the event comes back.
        await suppress(trx, {
          id: optOutId(sender.id),
          userId: sender.id,
          username: sender.username,
          source: 'opt_out',
        });
        await publish(LeadOptedOut, {
          user_id: sender.id,
          account_id: infra.accountId,
          phrase,
          at: receivedAt.toISOString(),
        });
      }
      await publish(LeadReplied, {
        account_id: infra.accountId,
        user_id: sender.id,
        username: sender.username,
        telegram_message_id: message.id,
        text,
        received_at: receivedAt.toISOString(),
      });
      return true;
    });
    if (!stored) return;
    infra.metrics.replies.inc();
    if (phrase !== null) infra.metrics.optOuts.inc();
    infra.log.info(
      { userId: sender.id, optedOut: phrase !== null, length: text.length },
      'private message received',
    );
  }
}
