import { AlertDeliveryRequested } from '@switchyard/contracts';
import { newId } from '@switchyard/bus';
import { serviceUnavailable, unprocessable } from '@switchyard/kit';
import type { AlertRow } from '../db';
import { catalogue } from '../domain/templates';
import { emptyNames, type Severity } from '../domain/types';
import { insertAlert } from '../repositories/alerts';
import type { Infra } from './deps';

export interface CustomInput {
  text: string;
  severity: Severity;
  botId?: string | undefined;
  chatIds?: string[] | undefined;
}

/**
 * An operator's own notification: stored in the alert log and delivered like any alert (not
 * grouped). A chosen bot and chats must be configured ones: the endpoint cannot make a bot
 * post into chats nobody declared as admin chats.
 */
export async function createCustomAlert(infra: Infra, input: CustomInput, by: string): Promise<AlertRow> {
  if (input.botId || input.chatIds) {
    const bots = await infra.bots.bots().catch(() => {
      throw serviceUnavailable('The list of notification bots cannot be read right now.', 5);
    });
    const chosen = input.botId ? bots.filter((b) => b.id === input.botId) : bots;
    if (chosen.length === 0) throw unprocessable('No enabled notification bot has this id.');
    const known = new Set(chosen.flatMap((b) => b.adminChatIds));
    const unknown = (input.chatIds ?? []).filter((id) => !known.has(id));
    if (unknown.length) throw unprocessable(`Not an admin chat of the chosen bot(s): ${unknown.join(', ')}.`);
  }
  const now = infra.clock();
  const event = { eventId: newId(), occurredAt: now, source: 'notifier', payload: { ...input, by } };
  const burst = catalogue.custom.burst([event]);
  const render = (locale: 'ru' | 'en') =>
    burst.render(1, { locale, timeZone: infra.settings.timeZone, names: emptyNames }).value;
  const id = newId();
  const row = await infra.transaction(async (trx, publish) => {
    const created = await insertAlert(trx, {
      id,
      type: 'custom',
      severity: input.severity,
      textRu: render('ru'),
      textEn: render('en'),
      sourceEventIds: [],
      eventsCount: 1,
      groupKey: null,
      target:
        input.botId || input.chatIds ? { botId: input.botId ?? null, chatIds: input.chatIds ?? null } : null,
      createdBy: by,
      createdAt: now,
    });
    await publish(AlertDeliveryRequested, { alert_id: id });
    return created;
  });
  infra.metrics.alerts.inc({ type: 'custom', severity: input.severity });
  return row;
}
