import { z } from '@switchyard/kit';
import { STATUSES, type AccountWorkerRow, type Db } from '../db';
import type { Supervisor } from '../app/supervisor';

export interface Deps {
  db: Db;
  supervisor: Supervisor;
}

export const READERS = ['owner', 'admin', 'operator', 'viewer'];

export const AccountIdParam = z.object({
  accountId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'an account id'),
});

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const AccountWorkerSchema = z
  .object({
    accountId: z.string(),
    role: z.enum(['parser', 'manager']),
    service: z.string(),
    status: z.enum(STATUSES as [string, ...string[]]),
    attempts: z.number().int(),
    restarts: z.number().int(),
    crashes: z.number().int(),
    driver: z.string().nullable(),
    worker: z.string().nullable(),
    supervisedBy: z.string().nullable(),
    nextStartAt: z.string().nullable(),
    lastExit: z.string().nullable(),
    reason: z.string().nullable(),
    holder: z.string().nullable(),
    workerState: z.string().nullable(),
    lastHeartbeatAt: z.string().nullable(),
    replacedBy: z.string().nullable(),
    startedAt: z.string().nullable(),
    stoppedAt: z.string().nullable(),
  })
  .openapi('AccountWorker');

export const view = (r: AccountWorkerRow): z.infer<typeof AccountWorkerSchema> => ({
  accountId: r.account_id,
  role: r.role,
  service: r.service,
  status: r.status,
  attempts: r.attempts,
  restarts: r.restarts,
  crashes: r.crashes,
  driver: r.driver,
  worker: r.worker_ref,
  supervisedBy: r.owner,
  nextStartAt: iso(r.next_start_at),
  lastExit: r.last_exit,
  reason: r.reason,
  holder: r.holder,
  workerState: r.worker_state,
  lastHeartbeatAt: iso(r.last_heartbeat_at),
  replacedBy: r.replaced_by,
  startedAt: iso(r.started_at),
  stoppedAt: iso(r.stopped_at),
});
