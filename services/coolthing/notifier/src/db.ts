import type { Kysely, Selectable, Transaction } from '@switchyard/store';
import type { AlertStatus, AlertType, Locale, Severity } from './domain/types';

export interface BurstsTable {
  id: string;
  type: AlertType;
  group_key: string;
  status: 'open' | 'closed' | 'composed';
  opened_at: Date;
  last_event_at: Date;
  events_count: number;
  closed_at: Date | null;
  alert_id: string | null;
}

export interface BurstEventsTable {
  burst_id: string;
  event_id: string;
  seq: number;
  occurred_at: Date;
  source: string;
  payload: unknown;
}

/** The operator's choice for a custom alert; null: every enabled bot and its admin chats. */
export interface AlertTarget {
  botId: string | null;
  chatIds: string[] | null;
}

export interface AlertsTable {
  id: string;
  type: AlertType;
  severity: Severity;
  text_ru: string;
  text_en: string;
  source_event_ids: string[];
  events_count: number;
  group_key: string | null;
  target: AlertTarget | null;
  status: AlertStatus;
  attempts: number;
  last_error: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  delivered_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

export interface DeliveriesTable {
  alert_id: string;
  bot_id: string;
  chat_id: string;
  locale: Locale;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  telegram_message_id: string | number | null;
  last_error: string | null;
  sent_at: Date | null;
  updated_at: Date;
}

export interface NotifierDB {
  bursts: BurstsTable;
  burst_events: BurstEventsTable;
  alerts: AlertsTable;
  alert_deliveries: DeliveriesTable;
}

export type Db = Kysely<NotifierDB>;
export type Conn = Kysely<NotifierDB> | Transaction<NotifierDB>;
export type AlertRow = Selectable<AlertsTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type BurstRow = Selectable<BurstsTable>;
