-- CoolThing bot: the account workers' shared tables (one schema for every worker; rows carry
-- the account). Deliveries are written as `sending` right before the Telegram call and `sent`
-- with the Telegram message id in the transaction that also writes OutboundMessageSent to the
-- outbox; a `sending` row found at start means the last worker died in between: `unconfirmed`,
-- never sent again.
CREATE TABLE deliveries (
  outbound_id text PRIMARY KEY,
  account_id text NOT NULL,
  lead_id text NOT NULL,
  campaign_id text NOT NULL,
  user_id text NOT NULL,
  username text,
  kind text NOT NULL CHECK (kind IN ('offer', 'reply', 'operator')),
  text text NOT NULL,
  not_before timestamptz(3) NOT NULL,
  jitter_ms integer NOT NULL DEFAULT 0,
  state text NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'unconfirmed')),
  attempts integer NOT NULL DEFAULT 0,
  retry_at timestamptz(3),
  telegram_message_id bigint,
  sent_at timestamptz(3),
  failure_reason text,
  failure_detail text,
  received_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX deliveries_due ON deliveries (account_id, not_before) WHERE state = 'pending';
CREATE INDEX deliveries_sending ON deliveries (account_id) WHERE state = 'sending';

-- Do-not-contact, as every worker re-checks it right before sending (fed by LeadOptedOut,
-- ContactSuppressed and ContactUnsuppressed, and by the workers' own opt-out detection).
CREATE TABLE suppressions (
  id text PRIMARY KEY,
  user_id text,
  username text,
  source text NOT NULL,
  at timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (user_id IS NOT NULL OR username IS NOT NULL)
);
CREATE INDEX suppressions_user ON suppressions (user_id);
CREATE INDEX suppressions_username ON suppressions (lower(username));

-- Private messages received, once each (the stream may repeat one after a reconnect). Message
-- ids are unique per conversation (Telegram numbers them per account, the sandbox per dialog).
CREATE TABLE inbound (
  account_id text NOT NULL,
  user_id text NOT NULL,
  telegram_message_id bigint NOT NULL,
  opted_out boolean NOT NULL DEFAULT false,
  received_at timestamptz(3) NOT NULL,
  PRIMARY KEY (account_id, user_id, telegram_message_id)
);

-- Pacing that survives a restart: when the account last sent a private message.
CREATE TABLE account_pacing (
  account_id text PRIMARY KEY,
  last_sent_at timestamptz(3) NOT NULL,
  last_offer_at timestamptz(3)
);
