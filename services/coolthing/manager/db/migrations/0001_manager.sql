-- CoolThing manager: leads and their conversations, the outbound messages requested from the
-- account workers, send counters for caps, the suppression list and the audit log of every
-- outbound message.

CREATE TABLE leads (
  id text PRIMARY KEY, -- UUIDv7: ordered by creation, the list's cursor
  origin text NOT NULL CHECK (origin IN ('parser', 'direct')),
  campaign_id text, -- null for a conversation a user started (a DM without a lead)
  source_event_id text UNIQUE,
  source_worker_id text,
  source_chat_id text,
  source_chat_title text,
  source_message_id bigint,
  source_message text,
  source_sent_at timestamptz(3),
  matched_keywords text[] NOT NULL DEFAULT '{}',
  language text,
  user_id text NOT NULL,
  username text,
  first_name text,
  last_name text,
  bio text,
  status text NOT NULL CHECK (status IN
    ('new', 'queued', 'in_review', 'contacted', 'replied', 'interested', 'converted', 'opted_out', 'failed')),
  status_reason text,
  -- the manager account that writes to the lead
  account_id text,
  excluded_account_ids text[] NOT NULL DEFAULT '{}',
  -- the offer: drafted, reviewed, then requested from the account worker
  draft text,
  draft_source text,
  draft_model text,
  draft_attempts integer NOT NULL DEFAULT 0,
  draft_due_at timestamptz(3),
  last_error text,
  reviewed_by text,
  reviewed_at timestamptz(3),
  due_at timestamptz(3), -- earliest send time after the new-lead delay
  dispatch_at timestamptz(3), -- when the dispatcher looks at a queued lead again
  dispatch_attempts integer NOT NULL DEFAULT 0,
  wait_reason text,
  scheduled_for timestamptz(3),
  -- the conversation
  auto_reply boolean NOT NULL DEFAULT true,
  taken_over_by text,
  taken_over_at timestamptz(3),
  reply_due_at timestamptz(3),
  reply_window_opened_at timestamptz(3),
  reply_attempts integer NOT NULL DEFAULT 0,
  -- one job at a time per lead (drafting, dispatch, answering), by any instance
  claimed_by text,
  claim_until timestamptz(3),
  handled_by text,
  mentions integer NOT NULL DEFAULT 1,
  last_seen_at timestamptz(3),
  notes text,
  tags text[] NOT NULL DEFAULT '{}',
  contacted_at timestamptz(3),
  replied_at timestamptz(3),
  last_message_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX leads_campaign ON leads (campaign_id, id);
CREATE INDEX leads_status ON leads (status, id);
CREATE INDEX leads_account_user ON leads (account_id, user_id, id);
CREATE INDEX leads_user ON leads (user_id);
CREATE INDEX leads_draft_due ON leads (draft_due_at) WHERE status = 'new';
CREATE INDEX leads_dispatch_due ON leads (dispatch_at) WHERE status = 'queued';
CREATE INDEX leads_reply_due ON leads (reply_due_at) WHERE reply_due_at IS NOT NULL;

-- Dedup: the last lead per user and campaign; a new one only after the window.
CREATE TABLE lead_keys (
  campaign_id text NOT NULL,
  user_id text NOT NULL,
  lead_id text NOT NULL,
  last_at timestamptz(3) NOT NULL,
  PRIMARY KEY (campaign_id, user_id)
);

-- The conversation, in and out. Read ordered by (at, id): the original read an unordered LIMIT 10.
CREATE TABLE messages (
  id bigserial PRIMARY KEY,
  lead_id text NOT NULL REFERENCES leads (id),
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  kind text NOT NULL CHECK (kind IN ('inbound', 'offer', 'reply', 'operator')),
  text text NOT NULL,
  at timestamptz(3) NOT NULL,
  account_id text,
  telegram_message_id bigint,
  outbound_id text UNIQUE,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX messages_lead ON messages (lead_id, at, id);
-- Message ids are unique per conversation (Telegram numbers them per account, the sandbox per dialog).
CREATE UNIQUE INDEX messages_inbound_once ON messages (lead_id, telegram_message_id) WHERE direction = 'in';

-- Messages requested from account workers. At most one live or delivered offer per lead.
CREATE TABLE outbound (
  id text PRIMARY KEY,
  lead_id text NOT NULL REFERENCES leads (id),
  campaign_id text,
  account_id text NOT NULL,
  user_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('offer', 'reply', 'operator')),
  text text NOT NULL,
  status text NOT NULL CHECK (status IN ('requested', 'sent', 'failed')),
  not_before timestamptz(3) NOT NULL,
  requested_by text NOT NULL,
  why text NOT NULL,
  failure_reason text,
  failure_detail text,
  telegram_message_id bigint,
  sent_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX outbound_one_offer ON outbound (lead_id) WHERE kind = 'offer' AND status <> 'failed';
CREATE INDEX outbound_lead ON outbound (lead_id, created_at);

-- Caps: one row per counter and period, incremented only while under its limit.
CREATE TABLE send_counters (
  scope text NOT NULL,
  bucket text NOT NULL,
  used integer NOT NULL,
  PRIMARY KEY (scope, bucket)
);

-- Round-robin: when each account was last given a lead.
CREATE TABLE account_rotation (
  account_id text PRIMARY KEY,
  last_assigned_at timestamptz(3) NOT NULL
);

-- Bans, limits and flood waits learnt from events, ahead of the campaign cache.
CREATE TABLE account_blocks (
  account_id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('banned', 'flood_wait', 'limited')),
  until timestamptz(3),
  reason text,
  at timestamptz(3) NOT NULL DEFAULT now()
);

-- Do-not-contact: opt-outs and operators' entries. No campaign writes to anyone here.
CREATE TABLE suppressions (
  id text PRIMARY KEY,
  user_id text,
  username text,
  source text NOT NULL CHECK (source IN ('opt_out', 'operator')),
  reason text,
  phrase text,
  account_id text,
  added_by text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (user_id IS NOT NULL OR username IS NOT NULL)
);
CREATE UNIQUE INDEX suppressions_user ON suppressions (user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX suppressions_username ON suppressions (lower(username)) WHERE username IS NOT NULL;

-- Every outbound message that went out: who sent what to whom, when and why.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  outbound_id text NOT NULL UNIQUE,
  sent_at timestamptz(3) NOT NULL,
  lead_id text NOT NULL,
  campaign_id text,
  account_id text NOT NULL,
  user_id text NOT NULL,
  username text,
  kind text NOT NULL,
  text text NOT NULL,
  why text NOT NULL,
  requested_by text NOT NULL,
  telegram_message_id bigint NOT NULL,
  recorded_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_campaign ON audit_log (campaign_id, id);
CREATE INDEX audit_log_account ON audit_log (account_id, id);
CREATE INDEX audit_log_user ON audit_log (user_id, id);
