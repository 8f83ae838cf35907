import type { Generated, Kysely } from '@switchyard/store';

export interface WorkerDB {
  runs: {
    sfc_id: string;
    first_started_at: Generated<Date>;
    attempts: Generated<number>;
    status: Generated<'playing' | 'done' | 'stopped' | 'failed'>;
    finished_at: Date | null;
    updated_at: Generated<Date>;
  };
  lines: {
    sfc_id: string;
    chat_id: string;
    line_no: number;
    account_id: string;
    state: 'sending' | 'sent' | 'unconfirmed' | 'skipped';
    telegram_message_id: number | null;
    reply_to_message_id: number | null;
    planned_at: Date | null;
    attempted_at: Generated<Date>;
    sent_at: Date | null;
    reason: string | null;
  };
  skipped_chats: {
    sfc_id: string;
    chat_id: string;
    reason: string;
    on_line: number | null;
    skipped_at: Generated<Date>;
  };
  unavailable_accounts: { sfc_id: string; account_id: string; reason: string; at: Generated<Date> };
  member_messages: {
    sfc_id: string;
    chat_id: string;
    telegram_message_id: number;
    member_id: string;
    kind: string;
    reply_to_line_no: number | null;
    at: Date;
  };
  branch_answers: {
    sfc_id: string;
    chat_id: string;
    trigger_message_id: number;
    branch_id: string;
    account_id: string;
    state: 'sending' | 'sent' | 'unconfirmed' | 'skipped';
    telegram_message_id: number | null;
    at: Generated<Date>;
  };
}

export type Db = Kysely<WorkerDB>;
