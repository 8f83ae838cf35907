import { defineRoute, jsonBody, problems, requireRole, z } from '@switchyard/kit';
import { STATUSES } from '../db';
import { listWorkers } from '../repositories/workers';
import { AccountWorkerSchema, READERS, view, type Deps } from './common';

export const listWorkersRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/workers',
      tags: ['workers'],
      summary: 'Account workers: status, attempts, restarts, last heartbeat, last exit',
      security: [{ bearer: [] }],
      request: {
        query: z.object({
          status: z.enum(STATUSES as [string, ...string[]]).optional(),
          role: z.enum(['parser', 'manager']).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
      responses: {
        200: jsonBody(
          z.object({
            items: z.array(AccountWorkerSchema),
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
      const { items, total } = await listWorkers(deps.db, {
        limit: q.limit,
        offset: q.offset,
        ...(q.status ? { status: q.status as (typeof STATUSES)[number] } : {}),
        ...(q.role ? { role: q.role } : {}),
      });
      return c.json({ items: items.map(view), total, limit: q.limit, offset: q.offset }, 200);
    },
  );
