-- One row per planned run: which worker plays it, how often it was started and restarted,
-- what the operator asked for (run, pause, stop), and which watchdog instance supervises it.
-- Everything the watchdog knows lives here, so a restarted (or another) instance takes over.
CREATE TABLE worker_runs (
  sfc_id text PRIMARY KEY,
  status text NOT NULL CHECK (
    status IN ('unplanned', 'queued', 'starting', 'running', 'backoff', 'done', 'stopped', 'failed')
  ),
  control text NOT NULL DEFAULT 'run' CHECK (control IN ('run', 'pause', 'stop')),
  control_at timestamptz(3),
  control_by text,
  chats integer NOT NULL DEFAULT 0,
  lines integer NOT NULL DEFAULT 0,
  -- Worker starts (the first included) and starts after a crash.
  attempts integer NOT NULL DEFAULT 0,
  restarts integer NOT NULL DEFAULT 0,
  driver text,
  -- Container id, Job name or instance name of the current worker.
  worker_ref text,
  -- The supervising watchdog instance and until when its claim holds without renewal.
  owner text,
  owner_until timestamptz(3),
  next_start_at timestamptz(3),
  -- The status the worker reported in ScriptFinished (its exit alone proves nothing).
  finish_status text,
  last_exit text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  started_at timestamptz(3),
  finished_at timestamptz(3)
);
CREATE INDEX worker_runs_status_idx ON worker_runs (status, created_at);
CREATE INDEX worker_runs_owner_idx ON worker_runs (owner) WHERE owner IS NOT NULL;
