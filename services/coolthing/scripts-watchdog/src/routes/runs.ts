import {
  conflict,
  defineRoute,
  jsonBody,
  notFound,
  problems,
  requireInternal,
  requireRole,
  z,
} from '@switchyard/kit';
import type { Db, WorkerRunRow } from '../db';
import type { Supervisor } from '../app/supervisor';
import * as runs from '../repositories/runs';

export interface Deps {
  db: Db;
  supervisor: Supervisor;
}

const SfcIdParam = z.object({
  sfcId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'a run id'),
});

const STATUSES = [
  'unplanned',
  'queued',
  'starting',
  'running',
  'backoff',
  'done',
  'stopped',
  'failed',
] as const;
const READERS = ['owner', 'admin', 'operator', 'viewer'];
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const WorkerRunSchema = z
  .object({
    sfcId: z.string(),
    status: z.enum(STATUSES),
    control: z.enum(['run', 'pause', 'stop']),
    attempts: z.number().int(),
    restarts: z.number().int(),
    driver: z.string().nullable(),
    worker: z.string().nullable(),
    supervisedBy: z.string().nullable(),
    nextStartAt: z.string().nullable(),
    lastExit: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .openapi('ScriptWorkerRun');

const view = (r: WorkerRunRow): z.infer<typeof WorkerRunSchema> => ({
  sfcId: r.sfc_id,
  status: r.status,
  control: r.control,
  attempts: r.attempts,
  restarts: r.restarts,
  driver: r.driver,
  worker: r.worker_ref,
  supervisedBy: r.owner,
  nextStartAt: iso(r.next_start_at),
  lastExit: r.last_exit,
  createdAt: iso(r.created_at)!,
  startedAt: iso(r.started_at),
  finishedAt: iso(r.finished_at),
});

/** What the worker polls: run, pause or stop (fellow services only). */
export const controlRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/runs/{sfcId}/control',
      tags: ['internal'],
      summary: "The operator's latest word on a run, for its worker",
      request: { params: SfcIdParam },
      responses: {
        200: jsonBody(
          z.object({
            sfcId: z.string(),
            control: z.enum(['run', 'pause', 'stop']),
            status: z.enum(STATUSES),
          }),
          'Control',
        ),
        ...problems(400, 404),
      },
    },
    async (c) => {
      requireInternal(c);
      const row = await runs.findRun(deps.db, c.req.valid('param').sfcId);
      if (!row) throw notFound('Run');
      return c.json({ sfcId: row.sfc_id, control: row.control, status: row.status }, 200);
    },
  );

export const listRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/runs',
      tags: ['runs'],
      summary: 'Runs and their workers, newest first',
      security: [{ bearer: [] }],
      request: {
        query: z.object({
          status: z.enum(STATUSES).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
      responses: {
        200: jsonBody(
          z.object({
            items: z.array(WorkerRunSchema),
            total: z.number().int(),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
          'A page',
        ),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      requireRole(c, ...READERS);
      const q = c.req.valid('query');
      const { items, total } = await runs.listRuns(deps.db, q);
      return c.json({ items: items.map(view), total, limit: q.limit, offset: q.offset }, 200);
    },
  );

export const getRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/runs/{sfcId}',
      tags: ['runs'],
      summary: "A run's worker: status, attempts, restarts, last exit",
      security: [{ bearer: [] }],
      request: { params: SfcIdParam },
      responses: { 200: jsonBody(WorkerRunSchema, 'The run'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      requireRole(c, ...READERS);
      const row = await runs.findRun(deps.db, c.req.valid('param').sfcId);
      if (!row) throw notFound('Run');
      return c.json(view(row), 200);
    },
  );

/**
 * Kills a worker as a crash would (SIGKILL for a process): the watchdog restarts it and it
 * resumes where it stopped. For stuck workers and recovery drills.
 */
export const killRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/runs/{sfcId}/kill',
      tags: ['runs'],
      summary: 'Kill the worker (it is restarted and resumes)',
      security: [{ bearer: [] }],
      request: { params: SfcIdParam },
      responses: {
        202: jsonBody(z.object({ killed: z.literal(true) }), 'Killed; a restart follows'),
        ...problems(400, 401, 403, 404, 409),
      },
    },
    async (c) => {
      requireRole(c, 'owner', 'admin');
      const { sfcId } = c.req.valid('param');
      const row = await runs.findRun(deps.db, sfcId);
      if (!row) throw notFound('Run');
      if (!(await deps.supervisor.kill(sfcId)))
        throw conflict(
          row.status === 'running'
            ? `the worker is supervised by ${row.owner ?? 'another instance'}; ask that instance`
            : `no worker is running for this run (${row.status})`,
        );
      return c.json({ killed: true as const }, 202);
    },
  );
