-- Accounts, sessions (refresh-token families), one-time codes and the token signing keys.

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL DEFAULT '',
  roles text[] NOT NULL DEFAULT '{user}',
  status text NOT NULL CHECK (status IN ('not_verified', 'active', 'banned')),
  -- What unban restores (the original unbanned everyone into `active`).
  status_before_ban text CHECK (status_before_ban IN ('not_verified', 'active')),
  ban_reason text,
  banned_at timestamptz,
  locale text NOT NULL DEFAULT 'en' CHECK (locale IN ('ru', 'en')),
  is_public boolean NOT NULL DEFAULT false,
  avatar_url text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX users_created_idx ON users (created_at DESC, id DESC);
CREATE INDEX users_roles_idx ON users USING gin (roles);

-- A session is one refresh-token family: every rotation adds a token to it, and reuse of a
-- rotated token revokes the whole session.
CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_agent text,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text
);
CREATE INDEX sessions_user_idx ON sessions (user_id, created_at DESC);

CREATE TABLE refresh_tokens (
  -- SHA-256 (hex) of the opaque token; the token itself is never stored.
  token_hash text PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- One live code per user and purpose; a new code replaces the old one.
CREATE TABLE verification_codes (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify-email', 'reset-password', 'change-email')),
  code_hash text NOT NULL,
  new_email text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, purpose)
);

CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  alg text NOT NULL,
  public_jwk text NOT NULL,
  -- PKCS#8 private key sealed with AES-256-GCM under a key derived from SECRETS_KEY.
  private_key_sealed text NOT NULL,
  created_at timestamptz NOT NULL,
  -- The key is published from creation and signs from this moment on.
  activates_at timestamptz NOT NULL
);
