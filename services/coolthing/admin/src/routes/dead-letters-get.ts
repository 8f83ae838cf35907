// One dead letter, to inspect before replaying it.
import { defineRoute, jsonBody, notFound, problems, z } from '@switchyard/kit';
import { allow, security } from './auth';
import { asProblem, clientOf, DeadLetterSchema, forwardedAuth, QueuesSchema, ServiceName } from './dead-letters-common';
import type { Deps } from './deps';

/** The most one service's letters are searched through (per queue). */
const SEARCH_LIMIT = 500;

export const getDeadLetterRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/dead-letters/{service}/{messageId}',
      tags: ['operations'],
      summary: 'One dead letter of a service, with its body and why it failed',
      security,
      request: { params: z.object({ service: ServiceName, messageId: z.string().min(1).max(100) }) },
      responses: {
        200: jsonBody(DeadLetterSchema.extend({ service: ServiceName }), 'The dead letter'),
        ...problems(401, 403, 404, 503),
      },
    },
    async (c) => {
      allow(c, 'manage');
      const { service, messageId } = c.req.valid('param');
      const client = clientOf(deps.clients, service);
      if (!client) throw notFound(`Service ${service}`);
      let queues;
      try {
        queues = (
          await client.get('/admin/dead-letters', {
            query: { limit: SEARCH_LIMIT },
            headers: forwardedAuth(c),
            schema: QueuesSchema,
          })
        ).data.queues;
      } catch (err) {
        throw asProblem(service, err);
      }
      for (const q of queues) {
        const letter = q.deadLetters.find((d) => d.messageId === messageId);
        if (letter) return c.json({ ...letter, service }, 200);
      }
      throw notFound('Dead letter');
    },
  );
