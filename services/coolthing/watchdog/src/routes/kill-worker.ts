import { conflict, defineRoute, jsonBody, notFound, problems, requireRole, z } from '@switchyard/kit';
import { findWorker } from '../repositories/workers';
import { AccountIdParam, type Deps } from './common';

/**
 * Kills an account's worker as a crash would (SIGKILL for a process): the watchdog restarts it
 * with backoff. For stuck workers and recovery drills; admins only.
 */
export const killWorkerRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/workers/{accountId}/kill',
      tags: ['workers'],
      summary: 'Kill the worker (it is restarted)',
      security: [{ bearer: [] }],
      request: { params: AccountIdParam },
      responses: {
        202: jsonBody(z.object({ killed: z.literal(true) }), 'Killed; a restart follows'),
        ...problems(400, 401, 403, 404, 409),
      },
    },
    async (c) => {
      requireRole(c, 'owner', 'admin');
      const { accountId } = c.req.valid('param');
      const row = await findWorker(deps.db, accountId);
      if (!row) throw notFound('Account worker');
      if (!(await deps.supervisor.kill(accountId)))
        throw conflict(
          row.status === 'running'
            ? `the worker is supervised by ${row.owner ?? 'another instance'}; ask that instance`
            : `no worker is running for this account (${row.status})`,
        );
      return c.json({ killed: true as const }, 202);
    },
  );
