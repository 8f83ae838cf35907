import { fileURLToPath } from 'node:url';
import { defineEvent, defineExchange, on } from '@switchyard/bus';
import type { Generated } from '@switchyard/store';
import { z } from 'zod';
import { requireInternal, requireRole, requireUser } from '../http/auth';
import { defineRoute, jsonBody, jsonInput, problems } from '../http/route';
import { notFound } from '../problem';
import { defineService } from '../service';

/** A small service used by the platform's own tests: a table, an event, a subscription. */
export const itemsExchange = defineExchange({ name: 'fixture_items_exchange' });
export const ItemCreated = defineEvent({
  type: 'fixture.item_created',
  exchange: itemsExchange,
  routingKey: 'item.created',
  schema: z.object({ id: z.number().int(), name: z.string() }),
});

interface DB {
  items: { id: Generated<number>; name: string; created_at: Generated<Date> };
  item_events: { event_id: string; item_id: number };
}

const Item = z.object({ id: z.number(), name: z.string() });

export const fixtureService = defineService({
  name: 'fixture',
  system: 'shop',
  title: 'Fixture',
  env: z.object({ FIXTURE_GREETING: z.string().min(2).max(20).default('hello') }),
  migrations: fileURLToPath(new URL('./fixture-migrations', import.meta.url)),
  setup(ctx) {
    const db = ctx.db<DB>();
    const createItem = defineRoute(
      {
        method: 'post',
        path: '/items',
        summary: 'Create an item',
        request: jsonInput(z.object({ name: z.string().min(1).max(50) })),
        responses: { 201: jsonBody(Item, 'Created'), ...problems(400) },
      },
      async (c) => {
        const { name } = c.req.valid('json');
        const item = await ctx.transaction<DB, { id: number; name: string }>(async (trx, publish) => {
          const row = await trx
            .insertInto('items')
            .values({ name })
            .returning(['id', 'name'])
            .executeTakeFirstOrThrow();
          await publish(ItemCreated, row);
          return row;
        });
        return c.json(item, 201);
      },
    );
    const getItem = defineRoute(
      {
        method: 'get',
        path: '/items/{id}',
        summary: 'One item',
        request: { params: z.object({ id: z.coerce.number().int().positive() }) },
        responses: { 200: jsonBody(Item, 'The item'), ...problems(400, 404) },
      },
      async (c) => {
        const row = await db
          .selectFrom('items')
          .select(['id', 'name'])
          .where('id', '=', c.req.valid('param').id)
          .executeTakeFirst();
        if (!row) throw notFound('Item');
        return c.json(row, 200);
      },
    );
    const slow = defineRoute(
      {
        method: 'get',
        path: '/slow',
        summary: 'Answers after a delay (shutdown drain tests)',
        request: { query: z.object({ ms: z.coerce.number().int().min(0).max(5000).default(300) }) },
        responses: { 200: jsonBody(z.object({ done: z.boolean() }), 'Done') },
      },
      async (c) => {
        await new Promise((r) => setTimeout(r, c.req.valid('query').ms));
        return c.json({ done: true }, 200);
      },
    );
    const me = defineRoute(
      {
        method: 'get',
        path: '/me',
        summary: 'The caller',
        responses: { 200: jsonBody(z.object({ id: z.string() }), 'Caller'), ...problems(401) },
      },
      async (c) => c.json({ id: requireUser(c).id }, 200),
    );
    const adminOnly = defineRoute(
      {
        method: 'get',
        path: '/admin-only',
        summary: 'Admins',
        responses: { 200: jsonBody(z.object({ ok: z.boolean() }), 'OK'), ...problems(401, 403) },
      },
      async (c) => {
        requireRole(c, 'admin');
        return c.json({ ok: true }, 200);
      },
    );
    const crash = defineRoute(
      {
        method: 'get',
        path: '/crash',
        summary: 'Throws an unexpected error',
        responses: { 200: jsonBody(z.object({}), 'never') },
      },
      async () => {
        throw new Error('secret internal detail');
      },
    );
    const internalPing = defineRoute(
      {
        method: 'get',
        path: '/internal/ping',
        summary: 'Only for fellow services',
        responses: { 200: jsonBody(z.object({ pong: z.boolean() }), 'Pong'), ...problems(404) },
      },
      async (c) => {
        requireInternal(c);
        return c.json({ pong: true }, 200);
      },
    );
    const sealed = defineRoute(
      {
        method: 'post',
        path: '/sealed',
        summary: 'Seals a secret and opens it again (secrets at rest)',
        request: jsonInput(z.object({ secret: z.string().min(1).max(200) })),
        responses: { 200: jsonBody(z.object({ sealed: z.string(), opened: z.string() }), 'Both forms') },
      },
      async (c) => {
        const box = await ctx.secretBox('fixture-secrets');
        const sealedValue = box.seal(Buffer.from(c.req.valid('json').secret), 'ctx');
        return c.json({ sealed: sealedValue, opened: box.open(sealedValue, 'ctx').toString() }, 200);
      },
    );
    return {
      routes: [createItem, getItem, slow, me, adminOnly, crash, internalPing, sealed],
      redactPath: (path) => path.replace(/\/hidden\/[^/]+/, '/hidden/***'),
      mount(app) {
        // A slow stream (the gateway must not cut it at its deadline) and a path with a secret.
        app.get('/stream', () => {
          const body = new ReadableStream({
            async start(controller) {
              for (let i = 0; i < 5; i++) {
                controller.enqueue(new TextEncoder().encode(`data: ${i}\n\n`));
                await new Promise((r) => setTimeout(r, 150));
              }
              controller.close();
            },
          });
          return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
        });
        app.get('/hidden/:secret', (c) => c.json({ ok: true }));
      },
      subscriptions: [
        {
          name: 'item_events',
          retry: { attempts: 2, initialDelayMs: 20 },
          handlers: [
            on(ItemCreated, async (item, hctx) => {
              if (item.name === 'poison') throw new Error('poison item refused');
              await hctx
                .tx<DB>()
                .insertInto('item_events')
                .values({ event_id: hctx.envelope.id, item_id: item.id })
                .execute();
            }),
          ],
        },
      ],
      banner: () => [`greeting: ${ctx.config.FIXTURE_GREETING}`],
    };
  },
});
