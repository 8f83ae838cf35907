CREATE TABLE items (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE item_events (
  event_id text PRIMARY KEY,
  item_id bigint NOT NULL
);
