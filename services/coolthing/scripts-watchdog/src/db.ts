import type { Generated, Kysely, Selectable } from '@switchyard/store';

export type RunStatus =
  'unplanned' | 'queued' | 'starting' | 'running' | 'backoff' | 'done' | 'stopped' | 'failed';
export type Control = 'run' | 'pause' | 'stop';

export interface WatchdogDB {
  worker_runs: {
    sfc_id: string;
    status: RunStatus;
    control: Generated<Control>;
    control_at: Date | null;
    control_by: string | null;
    chats: Generated<number>;
    lines: Generated<number>;
    attempts: Generated<number>;
    restarts: Generated<number>;
    driver: string | null;
    worker_ref: string | null;
    owner: string | null;
    owner_until: Date | null;
    next_start_at: Date | null;
    finish_status: string | null;
    last_exit: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    started_at: Date | null;
    finished_at: Date | null;
  };
}

export type Db = Kysely<WatchdogDB>;
export type WorkerRunRow = Selectable<WatchdogDB['worker_runs']>;

export const ACTIVE: RunStatus[] = ['starting', 'running', 'backoff'];
export const TERMINAL: RunStatus[] = ['done', 'stopped', 'failed'];
