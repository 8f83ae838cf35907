import { PermanentError } from '@switchyard/kit';
import { toPlain } from '../domain/html';
import { alertStatusOf, targetsOf } from '../domain/targets';
import type { AlertRow } from '../db';
import {
  deliveriesOf,
  ensureDeliveries,
  findAlert,
  recordFailed,
  recordSent,
  updateAlertDelivery,
} from '../repositories/alerts';
import { DeliveryFailure } from '../ports/sender';
import type { Infra } from './deps';

/**
 * Posts a stored alert into its admin chats. Chats already reached are never posted to again
 * (a retry or a replayed dead letter sends only what is missing). Temporary failures throw,
 * so the bus retries with backoff; when the attempts run out, or no chat could be reached at
 * all, the alert is marked failed and its delivery request is dead-lettered.
 */
export class AlertDelivery {
  constructor(private readonly infra: Infra) {}

  async deliver(alertId: string, attempt: number): Promise<void> {
    const { db, settings, clock, log, metrics } = this.infra;
    const alert = await findAlert(db, alertId);
    if (!alert) throw new PermanentError(`alert ${alertId} does not exist`);
    if (alert.status === 'delivered') return;
    const last = attempt >= settings.deliveryAttempts;

    let bots;
    try {
      bots = await this.infra.bots.bots();
    } catch (err) {
      if (last) await this.giveUp(alert, `notification bots unavailable: ${String(err)}`);
      throw err;
    }
    const targets = targetsOf(bots, alert.target, {
      byChat: settings.chatLocales,
      fallback: settings.locale,
    });
    if (targets.length === 0) {
      const reason = alert.target
        ? 'the chosen bot or chats are not configured any more'
        : 'no enabled notification bot with admin chats is configured';
      await updateAlertDelivery(db, alert.id, { status: 'undelivered', lastError: reason, at: clock() });
      metrics.deliveries.inc({ outcome: 'failed' });
      log.warn({ alertId, type: alert.type }, `alert not delivered: ${reason}`);
      return;
    }
    await ensureDeliveries(db, alert.id, targets, clock());

    const byId = new Map(bots.map((b) => [b.id, b]));
    const wanted = new Set(targets.map((t) => `${t.botId}\u0000${t.chatId}`));
    // The first attempt (a new request or a replayed dead letter) also retries chats given up on.
    const rows = (await deliveriesOf(db, [alert.id])).filter((r) =>
      wanted.has(`${r.bot_id}\u0000${r.chat_id}`),
    );
    const errors: string[] = [];
    for (const row of rows) {
      if (row.status === 'sent' || (row.status === 'failed' && attempt > 1)) continue;
      const bot = byId.get(row.bot_id)!;
      const markup = row.locale === 'ru' ? alert.text_ru : alert.text_en;
      const text = settings.html ? markup : toPlain(markup);
      const key = { alertId: alert.id, botId: row.bot_id, chatId: row.chat_id };
      try {
        const sent = await this.infra.sender.send(bot, row.chat_id, text, { html: settings.html });
        await recordSent(db, key, sent.messageId, clock());
        row.status = 'sent';
        metrics.deliveries.inc({ outcome: 'sent' });
      } catch (err) {
        const failure =
          err instanceof DeliveryFailure ? err : new DeliveryFailure(String(err), false, 'unexpected');
        const final = failure.permanent || last;
        await recordFailed(db, key, failure.message, final, clock());
        row.status = final ? 'failed' : 'pending';
        errors.push(`${bot.name} → ${row.chat_id}: ${failure.message}`);
        metrics.deliveryFailures.inc({ reason: failure.reason, permanent: String(failure.permanent) });
        metrics.deliveries.inc({ outcome: final ? 'failed' : 'retry' });
        log.warn(
          { alertId, botId: row.bot_id, chatId: row.chat_id, reason: failure.reason, attempt, final },
          'alert delivery to a chat failed',
        );
      }
    }

    const status = alertStatusOf(rows.map((r) => r.status));
    const lastError = errors.length ? errors.join('; ') : null;
    await updateAlertDelivery(db, alert.id, { status, lastError, at: clock() });
    if (status === 'pending') throw new Error(`alert ${alert.id} not delivered yet: ${lastError}`);
    if (status === 'failed') throw new PermanentError(`alert ${alert.id} reached no chat: ${lastError}`);
    if (status === 'partial') log.warn({ alertId, errors }, 'alert reached only some admin chats');
  }

  private async giveUp(alert: AlertRow, reason: string): Promise<void> {
    await updateAlertDelivery(this.infra.db, alert.id, {
      status: 'failed',
      lastError: reason,
      at: this.infra.clock(),
    }).catch(() => undefined);
  }
}
