import { defineRoute, jsonBody, requireInternal, z } from '@switchyard/kit';
import type { ParserWorker } from '../app/worker';

/** For the watchdog and operators' tools: what this worker is doing. Fellow services only. */
export const statusRoute = (worker: ParserWorker) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/status',
      tags: ['internal'],
      summary: "The worker's account, state, lease holder, assignment revision and counters",
      responses: {
        200: jsonBody(
          z.object({
            accountId: z.string(),
            state: z.enum(['starting', 'waiting_for_lease', 'running', 'stopping', 'stopped']),
            holder: z.string(),
            revision: z.string().nullable(),
            campaigns: z.number().int(),
            rejectedCampaigns: z.array(z.object({ campaignId: z.string(), error: z.string() })),
            chatsWatched: z.number().int(),
            chatsUnavailable: z.number().int(),
            seen: z.number().int(),
            skipped: z.number().int(),
            matched: z.number().int(),
            leads: z.number().int(),
            profileReads: z.number().int(),
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
