-- One row per activation (the seed's SFC) this service has looked at: the plan it built, or
-- why it refused. The primary key makes a redelivered NewActiveScript a no-op.
CREATE TABLE runs (
  sfc_id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('planned', 'rejected')),
  campaign_id text,
  script_id text,
  seed text,
  -- The engine's RunPlan (runPlanSchema), the chats' Telegram references and the accounts' profiles.
  plan jsonb,
  targets jsonb NOT NULL DEFAULT '[]'::jsonb,
  accounts jsonb NOT NULL DEFAULT '[]'::jsonb,
  problems jsonb NOT NULL DEFAULT '[]'::jsonb,
  chats integer NOT NULL DEFAULT 0,
  lines integer NOT NULL DEFAULT 0,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX runs_created_idx ON runs (created_at DESC, sfc_id);
CREATE INDEX runs_campaign_idx ON runs (campaign_id, created_at DESC);
