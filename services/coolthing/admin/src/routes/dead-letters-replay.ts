// Puts dead letters of one service's queue back on the queue (all, or the ones named).
import { defineRoute, jsonBody, jsonInput, notFound, problems, z } from '@switchyard/kit';
import { recordAudit } from '../repositories/audit';
import { allow, security } from './auth';
import { asProblem, clientOf, forwardedAuth, ServiceName } from './dead-letters-common';
import type { Deps } from './deps';

export const replayDeadLettersRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/dead-letters/replay',
      tags: ['operations'],
      summary: "Replay dead letters of one service's queue",
      security,
      request: jsonInput(
        z.strictObject({
          service: ServiceName,
          queue: z.string().min(1).max(200),
          messageIds: z.array(z.string().min(1).max(100)).min(1).max(1000).optional(),
        }),
      ),
      responses: {
        200: jsonBody(
          z.object({ service: ServiceName, queue: z.string(), replayed: z.number().int() }),
          'How many were put back',
        ),
        ...problems(400, 401, 403, 404, 503),
      },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const { service, queue, messageIds } = c.req.valid('json');
      const client = clientOf(deps.clients, service);
      if (!client) throw notFound(`Service ${service}`);
      try {
        const { data } = await client.post('/admin/dead-letters/replay', {
          json: { queue, ...(messageIds ? { messageIds } : {}) },
          headers: forwardedAuth(c),
          schema: z.object({ replayed: z.number().int() }),
        });
        await deps.transaction((trx) =>
          recordAudit(trx, actor, {
            action: 'dead_letters.replayed',
            entityType: 'queue',
            entityId: `${service}:${queue}`.slice(0, 200),
            details: { replayed: data.replayed, ...(messageIds ? { messageIds: messageIds.slice(0, 50) } : {}) },
          }),
        );
        return c.json({ service, queue, replayed: data.replayed }, 200);
      } catch (err) {
        throw asProblem(service, err);
      }
    },
  );
