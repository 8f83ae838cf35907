import type { BusTables } from '@switchyard/bus';
import type { Generated, Kysely, Selectable, Transaction } from '@switchyard/store';

export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed' | 'unconfirmed';

export interface DeliveriesTable {
  outbound_id: string;
  account_id: string;
  lead_id: string;
  campaign_id: string;
  user_id: string;
  username: string | null;
  kind: 'offer' | 'reply' | 'operator';
  text: string;
  not_before: Date;
  jitter_ms: Generated<number>;
  state: DeliveryState;
  attempts: Generated<number>;
  retry_at: Date | null;
  telegram_message_id: string | number | null;
  sent_at: Date | null;
  failure_reason: string | null;
  failure_detail: string | null;
  received_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SuppressionsTable {
  id: string;
  user_id: string | null;
  username: string | null;
  source: string;
  at: Generated<Date>;
}

export interface InboundTable {
  account_id: string;
  telegram_message_id: string | number;
  user_id: string;
  opted_out: Generated<boolean>;
  received_at: Date;
}

export interface AccountPacingTable {
  account_id: string;
  last_sent_at: Date;
  last_offer_at: Date | null;
}

export interface BotDB extends BusTables {
  deliveries: DeliveriesTable;
  suppressions: SuppressionsTable;
  inbound: InboundTable;
  account_pacing: AccountPacingTable;
}

export type Db = Kysely<BotDB>;
export type Trx = Transaction<BotDB>;
export type Conn = Db | Trx;
export type DeliveryRow = Selectable<DeliveriesTable>;
