-- Session leases (platform/telegram/src/lease.ts, SESSION_LEASE_MIGRATION_SQL): one live worker per
-- account session. Also declared as extraMigrations; IF NOT EXISTS keeps the two idempotent.
CREATE TABLE IF NOT EXISTS telegram_session_leases (
  account_id text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL,
  acquired_at timestamptz NOT NULL DEFAULT now(),
  renewed_at timestamptz NOT NULL DEFAULT now()
);
