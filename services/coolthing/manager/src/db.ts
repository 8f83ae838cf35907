import type { BusTables } from '@switchyard/bus';
import type { Generated, Kysely, Selectable, Transaction } from '@switchyard/store';
import type { LeadStatus } from './domain/lead-status';

export type OutboundKind = 'offer' | 'reply' | 'operator';

export interface LeadsTable {
  id: string;
  origin: 'parser' | 'direct';
  campaign_id: string | null;
  source_event_id: string | null;
  source_worker_id: string | null;
  source_chat_id: string | null;
  source_chat_title: string | null;
  source_message_id: string | number | null;
  source_message: string | null;
  source_sent_at: Date | null;
  matched_keywords: Generated<string[]>;
  language: string | null;
  user_id: string;
  username: string | null;
  first_name: string | null;
  last_name: string | null;
  bio: string | null;
  status: LeadStatus;
  status_reason: string | null;
  account_id: string | null;
  excluded_account_ids: Generated<string[]>;
  draft: string | null;
  draft_source: string | null;
  draft_model: string | null;
  draft_attempts: Generated<number>;
  draft_due_at: Date | null;
  last_error: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  due_at: Date | null;
  dispatch_at: Date | null;
  dispatch_attempts: Generated<number>;
  wait_reason: string | null;
  scheduled_for: Date | null;
  auto_reply: Generated<boolean>;
  taken_over_by: string | null;
  taken_over_at: Date | null;
  reply_due_at: Date | null;
  reply_window_opened_at: Date | null;
  reply_attempts: Generated<number>;
  claimed_by: string | null;
  claim_until: Date | null;
  handled_by: string | null;
  mentions: Generated<number>;
  last_seen_at: Date | null;
  notes: string | null;
  tags: Generated<string[]>;
  contacted_at: Date | null;
  replied_at: Date | null;
  last_message_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LeadKeysTable {
  campaign_id: string;
  user_id: string;
  lead_id: string;
  last_at: Date;
}

export interface MessagesTable {
  id: Generated<string>;
  lead_id: string;
  direction: 'in' | 'out';
  kind: 'inbound' | OutboundKind;
  text: string;
  at: Date;
  account_id: string | null;
  telegram_message_id: string | number | null;
  outbound_id: string | null;
  created_at: Generated<Date>;
}

export interface OutboundTable {
  id: string;
  lead_id: string;
  campaign_id: string | null;
  account_id: string;
  user_id: string;
  kind: OutboundKind;
  text: string;
  status: 'requested' | 'sent' | 'failed';
  not_before: Date;
  requested_by: string;
  why: string;
  failure_reason: string | null;
  failure_detail: string | null;
  telegram_message_id: string | number | null;
  sent_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SendCountersTable {
  scope: string;
  bucket: string;
  used: number;
}

export interface AccountRotationTable {
  account_id: string;
  last_assigned_at: Date;
}

export interface AccountBlocksTable {
  account_id: string;
  status: 'banned' | 'flood_wait' | 'limited';
  until: Date | null;
  reason: string | null;
  at: Generated<Date>;
}

export interface SuppressionsTable {
  id: string;
  user_id: string | null;
  username: string | null;
  source: 'opt_out' | 'operator';
  reason: string | null;
  phrase: string | null;
  account_id: string | null;
  added_by: string;
  created_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<string>;
  outbound_id: string;
  sent_at: Date;
  lead_id: string;
  campaign_id: string | null;
  account_id: string;
  user_id: string;
  username: string | null;
  kind: string;
  text: string;
  why: string;
  requested_by: string;
  telegram_message_id: string | number;
  recorded_at: Generated<Date>;
}

export interface ManagerDB extends BusTables {
  leads: LeadsTable;
  lead_keys: LeadKeysTable;
  messages: MessagesTable;
  outbound: OutboundTable;
  send_counters: SendCountersTable;
  account_rotation: AccountRotationTable;
  account_blocks: AccountBlocksTable;
  suppressions: SuppressionsTable;
  audit_log: AuditLogTable;
}

export type Db = Kysely<ManagerDB>;
export type Trx = Transaction<ManagerDB>;
/** A connection or a transaction: repository functions take either. */
export type Conn = Db | Trx;

export type LeadRow = Selectable<LeadsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type OutboundRow = Selectable<OutboundTable>;
export type SuppressionRow = Selectable<SuppressionsTable>;
export type AuditRow = Selectable<AuditLogTable>;
