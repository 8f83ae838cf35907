-- CoolThing parser: one lead per (campaign, user) within a window, shared by every parser
-- worker (they use this one schema), so a restart or a second account seeing the same user
-- never emits the lead again. The lead itself leaves through the outbox in the transaction
-- that claims the row.
CREATE TABLE lead_claims (
  campaign_id text NOT NULL,
  user_id text NOT NULL,
  emitted_at timestamptz(3) NOT NULL,
  account_id text NOT NULL,
  chat_id text NOT NULL,
  message_id bigint NOT NULL,
  PRIMARY KEY (campaign_id, user_id)
);
CREATE INDEX lead_claims_emitted ON lead_claims (emitted_at);
