-- CoolThing admin: the entities operators manage. Deletes are soft (deleted_at) as in the
-- original, so runs and audit entries keep pointing at something. Secrets are stored only
-- sealed (AES-256-GCM, *_sealed columns) and bound to their row.

CREATE TABLE accounts (
  id text PRIMARY KEY,
  phone text,
  api_id integer,
  api_hash_sealed text,
  session_sealed text,
  -- type, host, port, username, tls: everything but the password or MTProxy secret
  proxy jsonb,
  proxy_secret_sealed text,
  role text NOT NULL CHECK (role IN ('parser', 'manager', 'actor')),
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'active', 'paused', 'flood_wait', 'limited', 'banned', 'stopped')),
  status_reason text,
  flood_wait_until timestamptz(3),
  telegram_user_id text,
  username text,
  first_name text,
  last_name text,
  health_checked_at timestamptz(3),
  health_error text,
  counters_day text, -- YYYY-MM-DD (UTC) the counters below belong to
  messages_today integer NOT NULL DEFAULT 0,
  contacts_today integer NOT NULL DEFAULT 0,
  warmup_stage integer NOT NULL DEFAULT 0,
  is_reserve boolean NOT NULL DEFAULT false,
  tags text[] NOT NULL DEFAULT '{}',
  campaign_id text,
  notes text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at timestamptz(3)
);
CREATE UNIQUE INDEX accounts_phone_live ON accounts (phone) WHERE deleted_at IS NULL AND phone IS NOT NULL;
CREATE UNIQUE INDEX accounts_telegram_user_live ON accounts (telegram_user_id)
  WHERE deleted_at IS NULL AND telegram_user_id IS NOT NULL;
CREATE INDEX accounts_list ON accounts (id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_flood_wait ON accounts (flood_wait_until) WHERE status = 'flood_wait';

-- A sign-in between its steps. The port's pending state is a secret (it holds a temporary
-- key), so it is sealed here instead of living in one process's memory as in the original.
CREATE TABLE onboardings (
  id text PRIMARY KEY,
  phone text NOT NULL,
  step text NOT NULL CHECK (step IN ('code', 'password', 'done', 'failed', 'cancelled')),
  state_sealed text,
  api_id integer,
  api_hash_sealed text,
  proxy jsonb,
  proxy_secret_sealed text,
  -- what the account becomes: role, tags, campaign, reserve flag, notes
  profile jsonb NOT NULL,
  code_delivery text,
  code_length integer,
  password_hint text,
  attempts integer NOT NULL DEFAULT 0,
  failure text,
  account_id text,
  created_by text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL
);

CREATE TABLE notification_bots (
  id text PRIMARY KEY,
  name text NOT NULL,
  token_sealed text NOT NULL,
  bot_user_id text,
  admin_chat_ids text[] NOT NULL DEFAULT '{}',
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at timestamptz(3)
);

CREATE TABLE chats (
  id text PRIMARY KEY,
  telegram_id text,
  username text,
  link text,
  title text,
  kind text CHECK (kind IN ('group', 'supergroup', 'channel_comments')),
  members_count integer,
  language text,
  tags text[] NOT NULL DEFAULT '{}',
  permission text NOT NULL DEFAULT 'unknown' CHECK (permission IN ('owned', 'partner', 'permitted', 'unknown')),
  permission_note text,
  resolved_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at timestamptz(3)
);
CREATE UNIQUE INDEX chats_telegram_id_live ON chats (telegram_id) WHERE deleted_at IS NULL AND telegram_id IS NOT NULL;
CREATE UNIQUE INDEX chats_username_live ON chats (lower(username)) WHERE deleted_at IS NULL AND username IS NOT NULL;

CREATE TABLE llm_profiles (
  id text PRIMARY KEY,
  name text NOT NULL,
  base_url text NOT NULL,
  model text NOT NULL,
  api_key_sealed text,
  system_prompt text NOT NULL DEFAULT '',
  temperature double precision NOT NULL DEFAULT 0.7,
  max_tokens integer NOT NULL DEFAULT 512,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at timestamptz(3)
);

CREATE TABLE campaigns (
  id text PRIMARY KEY,
  name text NOT NULL,
  scope text,
  type text NOT NULL CHECK (type IN ('scripts', 'parser')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused', 'finished')),
  target_chat_ids text[] NOT NULL DEFAULT '{}',
  schedule jsonb NOT NULL,
  pacing jsonb NOT NULL,
  caps jsonb NOT NULL,
  -- Parser Mode
  plus_keywords text[] NOT NULL DEFAULT '{}',
  minus_keywords text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  llm_profile_id text REFERENCES llm_profiles (id),
  offer_brief text,
  welcome_template text,
  follow_up jsonb NOT NULL,
  approval_mode text NOT NULL DEFAULT 'review' CHECK (approval_mode IN ('review', 'auto')),
  auto_reply boolean NOT NULL DEFAULT true,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at timestamptz(3)
);

CREATE TABLE scripts (
  id text PRIMARY KEY,
  name text NOT NULL,
  language text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  body jsonb NOT NULL,
  roles_count integer NOT NULL,
  lines_count integer NOT NULL,
  variants_total double precision NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  deleted_at timestamptz(3)
);

-- The seed's "script for campaign" (SFC): one activation with its own copy of the script,
-- and a status projection fed by the run's events.
CREATE TABLE script_runs (
  id text PRIMARY KEY,
  script_id text NOT NULL REFERENCES scripts (id),
  script_version integer NOT NULL,
  script_name text NOT NULL,
  script_body jsonb NOT NULL,
  campaign_id text NOT NULL REFERENCES campaigns (id),
  campaign_name text NOT NULL,
  mapping jsonb NOT NULL,
  account_ids text[] NOT NULL,
  chat_ids text[] NOT NULL,
  seed text NOT NULL,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'paused', 'stopped', 'done', 'failed', 'stalled')),
  status_reason text,
  problems jsonb NOT NULL DEFAULT '[]',
  attempt integer NOT NULL DEFAULT 0,
  lines_sent integer NOT NULL DEFAULT 0,
  chats_skipped integer NOT NULL DEFAULT 0,
  requested_by text NOT NULL,
  control_requested text,
  started_at timestamptz(3),
  finished_at timestamptz(3),
  last_event_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX script_runs_campaign ON script_runs (campaign_id, id);
CREATE INDEX script_runs_script ON script_runs (script_id, id);
CREATE INDEX script_runs_status ON script_runs (status, id);
CREATE INDEX script_runs_accounts ON script_runs USING gin (account_ids);

-- Who changed what, when. Values of secrets never appear here, only that they changed.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz(3) NOT NULL DEFAULT now(),
  actor_id text NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'service', 'system')),
  actor_roles text[] NOT NULL DEFAULT '{}',
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  request_id text
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);

-- Demo steps done once, so a demo object an operator deleted is not created again.
CREATE TABLE demo_steps (
  step text PRIMARY KEY,
  done_at timestamptz(3) NOT NULL DEFAULT now(),
  result jsonb NOT NULL DEFAULT '{}'
);
