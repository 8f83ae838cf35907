import type { Generated, Kysely, Selectable } from '@switchyard/store';

export type WorkerRole = 'parser' | 'manager';
export type WorkerStatus = 'starting' | 'running' | 'stopping' | 'backoff' | 'stopped' | 'banned' | 'failed';

export interface WatchdogDB {
  account_workers: {
    account_id: string;
    role: WorkerRole;
    service: string;
    status: WorkerStatus;
    attempts: Generated<number>;
    restarts: Generated<number>;
    crashes: Generated<number>;
    driver: string | null;
    worker_ref: string | null;
    owner: string | null;
    owner_until: Date | null;
    next_start_at: Date | null;
    last_exit: string | null;
    reason: string | null;
    holder: string | null;
    worker_state: string | null;
    last_heartbeat_at: Date | null;
    ban_reported_at: Date | null;
    replaced_by: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    started_at: Date | null;
    stopped_at: Date | null;
  };
}

export type Db = Kysely<WatchdogDB>;
export type AccountWorkerRow = Selectable<WatchdogDB['account_workers']>;

/** A worker lives (or is about to): the row is held by its supervising instance. */
export const LIVE: WorkerStatus[] = ['starting', 'running', 'stopping'];
export const STATUSES: readonly WorkerStatus[] = [
  'starting',
  'running',
  'stopping',
  'backoff',
  'stopped',
  'banned',
  'failed',
];
