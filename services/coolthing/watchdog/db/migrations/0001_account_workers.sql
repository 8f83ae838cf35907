-- One row per account the watchdog ever ran a worker for: its current worker (driver, ref),
-- which instance supervises it, the last heartbeat, restart bookkeeping and how the ban of the
-- account was handled. Everything the watchdog knows lives here, so a restarted (or another)
-- instance takes over.
CREATE TABLE account_workers (
  account_id text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('parser', 'manager')),
  -- Registry id of the worker service (coolthing/parser, coolthing/bot).
  service text NOT NULL,
  status text NOT NULL CHECK (
    status IN ('starting', 'running', 'stopping', 'backoff', 'stopped', 'banned', 'failed')
  ),
  -- Worker starts (the first included).
  attempts integer NOT NULL DEFAULT 0,
  -- Consecutive unplanned exits (the backoff grows with them) and crashes among them (a worker
  -- that keeps crashing is given up); both start over after a healthy period.
  restarts integer NOT NULL DEFAULT 0,
  crashes integer NOT NULL DEFAULT 0,
  driver text,
  -- Container id, Job name or instance name of the current worker.
  worker_ref text,
  -- The supervising watchdog instance and until when its claim holds without renewal.
  owner text,
  owner_until timestamptz(3),
  -- No start before this (backoff, flood wait, lease held elsewhere).
  next_start_at timestamptz(3),
  last_exit text,
  -- Why the worker is not running (not wanted any more, banned, given up).
  reason text,
  -- The worker's own word: its session lease holder and state, and when it last spoke.
  holder text,
  worker_state text,
  last_heartbeat_at timestamptz(3),
  -- An AccountBanned for the account seen on the bus (from the worker or anyone), and the one
  -- the watchdog published itself: together they keep account.banned to one per ban.
  ban_seen_at timestamptz(3),
  ban_reported_at timestamptz(3),
  replaced_by text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  started_at timestamptz(3),
  stopped_at timestamptz(3)
);
CREATE INDEX account_workers_owner_idx ON account_workers (owner) WHERE owner IS NOT NULL;
CREATE INDEX account_workers_status_idx ON account_workers (status);
