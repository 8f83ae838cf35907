import type { Generated, Kysely, Selectable } from '@switchyard/store';

export type RunStatus =
  'planned' | 'rejected' | 'running' | 'paused' | 'stalled' | 'done' | 'stopped' | 'failed';
export const TERMINAL: RunStatus[] = ['rejected', 'done', 'stopped', 'failed'];

export interface WatcherDB {
  runs: {
    sfc_id: string;
    status: RunStatus;
    campaign_id: string | null;
    script_id: string | null;
    chats: Generated<number>;
    lines: Generated<number>;
    attempt: Generated<number>;
    problems: Generated<unknown>;
    max_gap_ms: string | number | null;
    started_at: Date | null;
    finished_at: Date | null;
    last_progress_at: Date | null;
    waiting_reason: string | null;
    waiting_until: Date | null;
    stalled_at: Date | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  run_chats: {
    sfc_id: string;
    chat_id: string;
    title: string | null;
    variant: string | null;
    skipped: Generated<boolean>;
    reason: string | null;
    reason_text_en: string | null;
    reason_text_ru: string | null;
    on_line: number | null;
  };
  run_lines: {
    sfc_id: string;
    chat_id: string;
    line_no: number;
    role: number | null;
    account_id: string | null;
    text: string | null;
    status: Generated<'planned' | 'sent' | 'skipped' | 'unconfirmed'>;
    planned_at: Date | null;
    sent_at: Date | null;
    telegram_message_id: number | null;
    reply_to_message_id: number | null;
    reason: string | null;
  };
  engagements: {
    event_id: string;
    sfc_id: string;
    chat_id: string;
    kind: string;
    member_id: string;
    telegram_message_id: number | null;
    reply_to_line_no: number | null;
    at: Date;
  };
}

export type Db = Kysely<WatcherDB>;
export type RunRow = Selectable<WatcherDB['runs']>;
