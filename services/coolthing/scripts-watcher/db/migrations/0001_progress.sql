-- The progress of every script run as the workers report it: kept here, never only in
-- memory (the original watcher lost everything on restart).
CREATE TABLE runs (
  sfc_id text PRIMARY KEY,
  status text NOT NULL CHECK (
    status IN ('planned', 'rejected', 'running', 'paused', 'stalled', 'done', 'stopped', 'failed')
  ),
  campaign_id text,
  script_id text,
  chats integer NOT NULL DEFAULT 0,
  lines integer NOT NULL DEFAULT 0,
  attempt integer NOT NULL DEFAULT 0,
  problems jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- The longest planned gap between two lines of a chat (delay + typing, run time): the
  -- silence that is still normal.
  max_gap_ms bigint,
  started_at timestamptz(3),
  finished_at timestamptz(3),
  last_progress_at timestamptz(3),
  waiting_reason text,
  waiting_until timestamptz(3),
  -- Set when ScriptStalled went out for the current silence; cleared by the next progress.
  stalled_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX runs_history_idx ON runs (created_at DESC, sfc_id);
CREATE INDEX runs_campaign_idx ON runs (campaign_id, created_at DESC);
CREATE INDEX runs_live_idx ON runs (status, last_progress_at) WHERE status IN ('running', 'paused');

CREATE TABLE run_chats (
  sfc_id text NOT NULL,
  chat_id text NOT NULL,
  title text,
  variant text,
  skipped boolean NOT NULL DEFAULT false,
  reason text,
  reason_text_en text,
  reason_text_ru text,
  on_line integer,
  PRIMARY KEY (sfc_id, chat_id)
);

CREATE TABLE run_lines (
  sfc_id text NOT NULL,
  chat_id text NOT NULL,
  line_no integer NOT NULL,
  role integer,
  account_id text,
  text text,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'sent', 'skipped', 'unconfirmed')),
  planned_at timestamptz(3),
  sent_at timestamptz(3),
  telegram_message_id integer,
  reply_to_message_id integer,
  reason text,
  PRIMARY KEY (sfc_id, chat_id, line_no)
);

CREATE TABLE engagements (
  event_id text PRIMARY KEY,
  sfc_id text NOT NULL,
  chat_id text NOT NULL,
  kind text NOT NULL,
  member_id text NOT NULL,
  telegram_message_id integer,
  reply_to_line_no integer,
  at timestamptz(3) NOT NULL
);
CREATE UNIQUE INDEX engagements_message_idx ON engagements (sfc_id, chat_id, telegram_message_id)
  WHERE telegram_message_id IS NOT NULL;
CREATE INDEX engagements_run_idx ON engagements (sfc_id, at);
