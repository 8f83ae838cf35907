-- What the workers of a run did, so a restarted worker resumes without sending anything twice.
-- Rows are keyed by run; every worker of every run shares these tables.
CREATE TABLE runs (
  sfc_id text PRIMARY KEY,
  -- Real time of the first start: the run's clock (time-scaled in tests) counts from it.
  first_started_at timestamptz(3) NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'playing' CHECK (status IN ('playing', 'done', 'stopped', 'failed')),
  finished_at timestamptz(3),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

-- One row per (chat, line): written as `sending` right before the send, `sent` with the
-- Telegram message id in the transaction that also writes ScriptLineSent to the outbox.
-- A `sending` row found at start means the last worker died in between: `unconfirmed`.
CREATE TABLE lines (
  sfc_id text NOT NULL,
  chat_id text NOT NULL,
  line_no integer NOT NULL,
  account_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('sending', 'sent', 'unconfirmed', 'skipped')),
  telegram_message_id integer,
  reply_to_message_id integer,
  planned_at timestamptz(3),
  attempted_at timestamptz(3) NOT NULL DEFAULT now(),
  sent_at timestamptz(3),
  reason text,
  PRIMARY KEY (sfc_id, chat_id, line_no)
);

CREATE TABLE skipped_chats (
  sfc_id text NOT NULL,
  chat_id text NOT NULL,
  reason text NOT NULL,
  on_line integer,
  skipped_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (sfc_id, chat_id)
);

-- Accounts that cannot play any more in this run (banned, limited): their lines are skipped.
CREATE TABLE unavailable_accounts (
  sfc_id text NOT NULL,
  account_id text NOT NULL,
  reason text NOT NULL,
  at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (sfc_id, account_id)
);

-- Messages of real members in the run's chats (engagement), each counted once.
CREATE TABLE member_messages (
  sfc_id text NOT NULL,
  chat_id text NOT NULL,
  telegram_message_id integer NOT NULL,
  member_id text NOT NULL,
  kind text NOT NULL,
  reply_to_line_no integer,
  at timestamptz(3) NOT NULL,
  PRIMARY KEY (sfc_id, chat_id, telegram_message_id)
);

-- Branch answers to members: one per member message at most, even across restarts.
CREATE TABLE branch_answers (
  sfc_id text NOT NULL,
  chat_id text NOT NULL,
  trigger_message_id integer NOT NULL,
  branch_id text NOT NULL,
  account_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('sending', 'sent', 'unconfirmed', 'skipped')),
  telegram_message_id integer,
  at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (sfc_id, chat_id, trigger_message_id)
);
