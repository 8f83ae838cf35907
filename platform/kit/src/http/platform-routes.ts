import type { OpenAPIHono } from '@hono/zod-openapi';
import { dlqName, type Bus, type Transport } from '@switchyard/bus';
import type { BaseConfig } from '../config';
import { notFound } from '../problem';
import type { ServiceMetrics } from '../metrics';
import type { AnyServiceDefinition } from '../service';
import { requireRole } from './auth';
import type { AppEnv } from './env';
import { defineRoute, jsonBody, jsonInput, problems, z } from './route';

interface PlatformDeps {
  def: AnyServiceDefinition;
  publicPath: string;
  config: BaseConfig;
  metrics: ServiceMetrics;
  bus: Bus;
  transport: Transport;
  checkReady: () => Promise<{ ok: boolean; checks: Record<string, string> }>;
}

const DeadLetter = z
  .object({
    messageId: z.string(),
    queue: z.string(),
    exchange: z.string(),
    routingKey: z.string(),
    body: z.string(),
    failure: z.object({ error: z.string(), attempts: z.number(), failedAt: z.string() }),
  })
  .openapi('DeadLetter');

/** Health, readiness, metrics, the OpenAPI document and the dead-letter API, the same on every service. */
export function mountPlatformRoutes(app: OpenAPIHono<AppEnv>, deps: PlatformDeps): void {
  const { def, bus, transport, metrics } = deps;

  app.get('/healthz', (c) => c.json({ status: 'ok', service: def.name }));
  app.get('/readyz', async (c) => {
    const { ok, checks } = await deps.checkReady();
    return c.json({ status: ok ? 'ready' : 'not ready', service: def.name, checks }, ok ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    await Promise.all(
      bus.queues().map(async (q) => {
        const [depth, dead] = await Promise.all([
          transport.queueDepth(q).catch(() => NaN),
          transport.queueDepth(dlqName(q)).catch(() => NaN),
        ]);
        if (!Number.isNaN(depth)) metrics.queueDepth.set({ queue: q }, depth);
        if (!Number.isNaN(dead)) metrics.queueDepth.set({ queue: dlqName(q) }, dead);
      }),
    );
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: `${def.title} API`,
      version: '1.0.0',
      ...(def.description ? { description: def.description } : {}),
    },
    servers: [{ url: deps.publicPath, description: 'Through the gateway' }],
  });

  const listDeadLetters = defineRoute(
    {
      method: 'get',
      path: '/admin/dead-letters',
      tags: ['operations'],
      summary: "List dead letters of this service's subscriptions",
      security: [{ bearer: [] }],
      request: {
        query: z.object({
          queue: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
      responses: {
        200: jsonBody(
          z.object({ queues: z.array(z.object({ queue: z.string(), deadLetters: z.array(DeadLetter) })) }),
          'Dead letters by queue',
        ),
        ...problems(400, 401, 403, 404),
      },
    },
    async (c) => {
      requireRole(c, 'admin', 'owner');
      const { queue, limit } = c.req.valid('query');
      const queues = queue ? [knownQueue(bus, queue)] : bus.queues();
      const result = await Promise.all(
        queues.map(async (q) => ({
          queue: q,
          deadLetters: (await bus.listDeadLetters(q, limit)).map(({ headers: _h, ...rest }) => rest),
        })),
      );
      return c.json({ queues: result }, 200);
    },
  );

  const replay = defineRoute(
    {
      method: 'post',
      path: '/admin/dead-letters/replay',
      tags: ['operations'],
      summary: 'Put dead letters back on their queue',
      security: [{ bearer: [] }],
      request: jsonInput(
        z.object({
          queue: z.string().min(1).max(200),
          messageIds: z.array(z.string().min(1).max(100)).max(1000).optional(),
        }),
      ),
      responses: {
        200: jsonBody(z.object({ replayed: z.number().int() }), 'How many were replayed'),
        ...problems(400, 401, 403, 404),
      },
    },
    async (c) => {
      requireRole(c, 'admin', 'owner');
      const body = c.req.valid('json');
      const replayed = await bus.replayDeadLetters(knownQueue(bus, body.queue), body.messageIds);
      return c.json({ replayed }, 200);
    },
  );

  for (const r of [listDeadLetters, replay]) app.openapi(r.config, r.handler);
}

function knownQueue(bus: Bus, queue: string): string {
  if (!bus.queues().includes(queue)) throw notFound(`Queue ${queue} of this service`);
  return queue;
}
