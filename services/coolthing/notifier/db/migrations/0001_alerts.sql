-- The notifier's alert log and the bursts alerts are composed from. The original declared a
-- notifications collection and never wrote to it; here every alert is kept with its texts,
-- its source events and where it was delivered.

-- Events waiting to become one message: one open burst per (type, key) at a time.
CREATE TABLE bursts (
  id text PRIMARY KEY,
  type text NOT NULL,
  group_key text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'composed')),
  opened_at timestamptz(3) NOT NULL,
  last_event_at timestamptz(3) NOT NULL,
  events_count integer NOT NULL DEFAULT 0,
  closed_at timestamptz(3),
  alert_id text
);
CREATE UNIQUE INDEX bursts_one_open ON bursts (type, group_key) WHERE status = 'open';
CREATE INDEX bursts_pending ON bursts (status, opened_at) WHERE status <> 'composed';

CREATE TABLE burst_events (
  burst_id text NOT NULL REFERENCES bursts (id),
  event_id text NOT NULL,
  seq integer NOT NULL,
  occurred_at timestamptz(3) NOT NULL,
  source text NOT NULL,
  payload jsonb NOT NULL,
  PRIMARY KEY (burst_id, seq)
);

CREATE TABLE alerts (
  id text PRIMARY KEY,
  type text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('info', 'warning', 'error', 'critical')),
  text_ru text NOT NULL,
  text_en text NOT NULL,
  -- the events it was composed from (the first 100; events_count has them all)
  source_event_ids text[] NOT NULL DEFAULT '{}',
  events_count integer NOT NULL DEFAULT 1,
  group_key text,
  -- custom alerts: the bot and chats chosen by the operator ({ "botId": ..., "chatIds": [...] })
  target jsonb,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'delivered', 'partial', 'failed', 'undelivered')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_by text,
  created_at timestamptz(3) NOT NULL,
  updated_at timestamptz(3) NOT NULL,
  delivered_at timestamptz(3),
  acknowledged_at timestamptz(3),
  acknowledged_by text
);
CREATE INDEX alerts_recent ON alerts (created_at DESC, id DESC);
CREATE INDEX alerts_type ON alerts (type, created_at DESC);
CREATE INDEX alerts_severity ON alerts (severity, created_at DESC);
CREATE INDEX alerts_unacknowledged ON alerts (created_at DESC) WHERE acknowledged_at IS NULL;

-- One row per admin chat an alert goes to.
CREATE TABLE alert_deliveries (
  alert_id text NOT NULL REFERENCES alerts (id),
  bot_id text NOT NULL,
  chat_id text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('ru', 'en')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  telegram_message_id bigint,
  last_error text,
  sent_at timestamptz(3),
  updated_at timestamptz(3) NOT NULL,
  PRIMARY KEY (alert_id, bot_id, chat_id)
);
