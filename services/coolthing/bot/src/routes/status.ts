import { defineRoute, jsonBody, requireInternal, z } from '@switchyard/kit';
import type { AccountWorker } from '../app/worker';

/** For the watchdog and operators' tools: what this worker is doing. Fellow services only. */
export const statusRoute = (worker: AccountWorker) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/status',
      tags: ['internal'],
      summary: "The worker's account, state, lease holder, pause and limit",
      responses: {
        200: jsonBody(
          z.object({
            accountId: z.string(),
            state: z.enum(['starting', 'waiting_for_lease', 'running', 'banned', 'stopped']),
            holder: z.string(),
            pausedUntil: z.string().nullable(),
            limited: z.boolean(),
            ended: z.boolean(),
          }),
          'The worker',
        ),
      },
    },
    async (c) => {
      requireInternal(c);
      return c.json(worker.status(), 200);
    },
  );
