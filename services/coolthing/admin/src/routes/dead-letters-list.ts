// Operators see the dead letters of every CoolThing service in one place.
import { defineRoute, jsonBody, problems, z } from '@switchyard/kit';
import { allow, security } from './auth';
import {
  asProblem,
  clientOf,
  DeadLetterSchema,
  type DeadLetterService,
  forwardedAuth,
  QueuesSchema,
  SERVICE_NAMES,
  ServiceName,
} from './dead-letters-common';
import type { Deps } from './deps';

export const listDeadLettersRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/dead-letters',
      tags: ['operations'],
      summary: 'Dead letters of every CoolThing service, by service and queue',
      security,
      request: {
        query: z.object({
          service: ServiceName.optional(),
          queue: z.string().min(1).max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
      responses: {
        200: jsonBody(
          z.object({
            services: z.array(
              z.object({
                service: ServiceName,
                queues: z.array(z.object({ queue: z.string(), deadLetters: z.array(DeadLetterSchema) })),
                total: z.number().int(),
                /** Why this service's letters are missing (not deployed, unreachable, unknown queue). */
                error: z.string().nullable(),
              }),
            ),
            total: z.number().int(),
          }),
          'Dead letters by service and queue',
        ),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'manage');
      const { service, queue, limit } = c.req.valid('query');
      const headers = forwardedAuth(c);
      type Entry = {
        service: DeadLetterService;
        queues: z.output<typeof QueuesSchema>['queues'];
        total: number;
        error: string | null;
      };
      const services = await Promise.all(
        (service ? [service] : SERVICE_NAMES).map(async (name): Promise<Entry> => {
          const client = clientOf(deps.clients, name);
          if (!client) return { service: name, queues: [], total: 0, error: 'not deployed here' };
          try {
            const { data } = await client.get('/admin/dead-letters', {
              query: { queue, limit },
              headers,
              schema: QueuesSchema,
            });
            const total = data.queues.reduce((n, q) => n + q.deadLetters.length, 0);
            return { service: name, queues: data.queues, total, error: null };
          } catch (err) {
            return { service: name, queues: [], total: 0, error: asProblem(name, err).message };
          }
        }),
      );
      return c.json({ services, total: services.reduce((n, s) => n + s.total, 0) }, 200);
    },
  );
