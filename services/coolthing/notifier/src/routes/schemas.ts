import { z } from '@switchyard/kit';
import type { AlertRow, DeliveryRow } from '../db';
import { toPlain } from '../domain/html';
import { ALERT_STATUSES, ALERT_TYPES, LOCALES, SEVERITIES } from '../domain/types';

export const READERS = ['viewer', 'operator', 'admin', 'owner'];
export const WRITERS = ['operator', 'admin', 'owner'];
export const security = [{ bearer: [] }];

export const DeliverySchema = z
  .object({
    botId: z.string(),
    chatId: z.string(),
    locale: z.enum(LOCALES),
    status: z.enum(['pending', 'sent', 'failed']),
    attempts: z.number().int(),
    telegramMessageId: z.number().int().nullable(),
    lastError: z.string().nullable(),
    sentAt: z.string().nullable(),
  })
  .openapi('AlertDelivery');

export const AlertSchema = z
  .object({
    id: z.string(),
    type: z.enum(ALERT_TYPES),
    severity: z.enum(SEVERITIES),
    status: z.enum(ALERT_STATUSES),
    /** As sent (Telegram HTML, user text escaped). */
    text: z.object({ ru: z.string(), en: z.string() }),
    /** As a reader sees it. */
    plain: z.object({ ru: z.string(), en: z.string() }),
    eventsCount: z.number().int(),
    sourceEventIds: z.array(z.string()),
    groupKey: z.string().nullable(),
    target: z.object({ botId: z.string().nullable(), chatIds: z.array(z.string()).nullable() }).nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    deliveries: z.array(DeliverySchema).optional(),
  })
  .openapi('Alert');

export type AlertView = z.infer<typeof AlertSchema>;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export const deliveryView = (r: DeliveryRow): z.infer<typeof DeliverySchema> => ({
  botId: r.bot_id,
  chatId: r.chat_id,
  locale: r.locale,
  status: r.status,
  attempts: r.attempts,
  telegramMessageId: r.telegram_message_id === null ? null : Number(r.telegram_message_id),
  lastError: r.last_error,
  sentAt: iso(r.sent_at),
});

export function alertView(row: AlertRow, deliveries?: readonly DeliveryRow[]): AlertView {
  return {
    id: row.id,
    type: row.type,
    severity: row.severity,
    status: row.status,
    text: { ru: row.text_ru, en: row.text_en },
    plain: { ru: toPlain(row.text_ru), en: toPlain(row.text_en) },
    eventsCount: row.events_count,
    sourceEventIds: row.source_event_ids,
    groupKey: row.group_key,
    target: row.target,
    attempts: row.attempts,
    lastError: row.last_error,
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    deliveredAt: iso(row.delivered_at),
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    ...(deliveries ? { deliveries: deliveries.map(deliveryView) } : {}),
  };
}

export const AlertIdParam = z.object({ id: z.string().min(1).max(64) });
