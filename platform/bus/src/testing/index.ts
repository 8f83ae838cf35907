import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deferred, sleep, uniqueName, waitFor } from '@switchyard/testing';
import type { Database } from '@switchyard/store';
import { migrate } from '@switchyard/store';
import { sql, type Kysely } from 'kysely';
import { Bus, on, PermanentError, type HandlerEntry } from '../bus';
import { defineEvent, defineExchange, type ExchangeDef } from '../define';
import { createEnvelope } from '../envelope';
import { OutboxRelay } from '../outbox';
import { busMigrations, type BusTables } from '../sql';
import type { Transport } from '../transport';

export interface BusFixture {
  /** A new connection to the broker (a second call is a second service instance). */
  connect(): Transport | Promise<Transport>;
  /** A fresh service database for the inbox and outbox tests. */
  database(schema: string): Promise<Database<BusTables>>;
  /** Removes what a test declared on a shared broker. */
  cleanup?(queues: string[], exchanges: string[]): Promise<void>;
}

const fast = { attempts: 3, initialDelayMs: 40, factor: 2, maxDelayMs: 1000 };

/** The delivery semantics every transport must have; run once per transport. */
export function busContract(adapter: string, fixture: () => BusFixture): void {
  describe(`bus contract: ${adapter}`, () => {
    const fx = fixture();
    const transports: Transport[] = [];
    const queues: string[] = [];
    const exchanges: string[] = [];
    const buses: Bus[] = [];

    const world = () => {
      const exchange = defineExchange({ name: uniqueName('ex') });
      exchanges.push(exchange.name, exchange.deadLetterExchange);
      const Ping = defineEvent({
        type: 'test.ping',
        exchange,
        routingKey: { pattern: 'ping.*', of: (p: { n: number; group: string }) => `ping.${p.group}` },
        schema: z.object({ n: z.number().int(), group: z.string() }),
      });
      const Other = defineEvent({
        type: 'test.other',
        exchange,
        routingKey: 'other.thing',
        schema: z.object({ s: z.string() }),
      });
      return { exchange, Ping, Other };
    };
    const bus = async (service: string, db?: Database<BusTables>) => {
      const transport = await fx.connect();
      transports.push(transport);
      const b = new Bus({ transport, service, db: db?.db, defaultRetry: fast });
      buses.push(b);
      return b;
    };
    const subscribe = async (
      b: Bus,
      name: string,
      handlers: HandlerEntry[],
      extra: { prefetch?: number; bindings?: string[]; queue?: string } = {},
    ) => {
      const queue = extra.queue ?? `${b.service}.${name}`;
      queues.push(queue);
      await b.subscribe({ name, handlers, retry: fast, ...extra });
      return queue;
    };

    afterEach(async () => {
      for (const b of buses.splice(0)) await b.stopConsuming().catch(() => undefined);
    });
    afterAll(async () => {
      for (const t of transports) await t.close().catch(() => undefined);
      await fx.cleanup?.(queues, exchanges);
    });

    it('routes by topic pattern and fans out to every bound queue', async () => {
      const { Ping, Other } = world();
      const svc = uniqueName('svc');
      const a = await bus(svc);
      const gotA: number[] = [];
      const gotB: string[] = [];
      await subscribe(a, 'pings', [on(Ping, async (p) => void gotA.push(p.n))]);
      await subscribe(
        a,
        'all',
        [
          on(Ping, async (p) => void gotB.push(`ping ${p.n}`)),
          on(Other, async (p) => void gotB.push(`other ${p.s}`)),
        ],
        { bindings: ['#'] },
      );
      await a.publish(Ping, { n: 1, group: 'x' });
      await a.publish(Other, { s: 'hello' });
      await waitFor(() => gotA.length === 1 && gotB.length === 2, { message: 'deliveries' });
      await sleep(50);
      expect(gotA).toEqual([1]);
      expect(gotB.sort()).toEqual(['other hello', 'ping 1']);
    });

    it('shares one queue between competing consumers, each message once', async () => {
      const { Ping } = world();
      const svc = uniqueName('svc');
      const one = await bus(svc);
      const two = await bus(svc);
      const seen: Record<string, number[]> = { one: [], two: [] };
      await subscribe(one, 'work', [on(Ping, async (p) => void seen.one!.push(p.n))], { prefetch: 1 });
      await subscribe(two, 'work', [on(Ping, async (p) => void seen.two!.push(p.n))], { prefetch: 1 });
      for (let n = 0; n < 40; n++) await one.publish(Ping, { n, group: 'g' });
      await waitFor(() => seen.one!.length + seen.two!.length === 40, { message: '40 deliveries' });
      await sleep(50);
      const all = [...seen.one!, ...seen.two!].sort((x, y) => x - y);
      expect(all).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(seen.one!.length).toBeGreaterThan(5);
      expect(seen.two!.length).toBeGreaterThan(5);
    });

    it('keeps publish order within a queue', async () => {
      const { Ping } = world();
      const b = await bus(uniqueName('svc'));
      const got: number[] = [];
      await subscribe(b, 'ordered', [on(Ping, async (p) => void got.push(p.n))], { prefetch: 1 });
      for (let n = 0; n < 100; n++) await b.publish(Ping, { n, group: 'o' });
      await waitFor(() => got.length === 100, { message: '100 deliveries' });
      expect(got).toEqual(Array.from({ length: 100 }, (_, i) => i));
    });

    it('retries a failing handler with backoff, then succeeds', async () => {
      const { Ping } = world();
      const b = await bus(uniqueName('svc'));
      const attempts: { attempt: number; at: number }[] = [];
      await subscribe(b, 'flaky', [
        on(Ping, async (_p, ctx) => {
          attempts.push({ attempt: ctx.attempt, at: Date.now() });
          if (ctx.attempt < 3) throw new Error('not yet');
        }),
      ]);
      await b.publish(Ping, { n: 1, group: 'r' });
      await waitFor(() => attempts.length === 3, { message: '3 attempts' });
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
      expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(35);
      expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(75);
      await sleep(200);
      expect(attempts).toHaveLength(3);
    });

    it('dead-letters after the configured attempts with the error, and replays on request', async () => {
      const { Ping } = world();
      const b = await bus(uniqueName('svc'));
      let fail = true;
      const calls: number[] = [];
      const queue = await subscribe(b, 'doomed', [
        on(Ping, async (p) => {
          calls.push(p.n);
          if (fail) throw new Error(`cannot handle ${p.n}`);
        }),
      ]);
      const env = await b.publish(Ping, { n: 7, group: 'd' });
      const dead = await waitFor(
        async () => (await b.listDeadLetters(queue)).find((d) => d.messageId === env.id),
        {
          message: 'dead letter',
        },
      );
      expect(calls).toEqual([7, 7, 7]);
      expect(dead.failure.error).toContain('cannot handle 7');
      expect(dead.failure.attempts).toBe(3);
      expect(JSON.parse(dead.body).payload).toEqual({ n: 7, group: 'd' });
      // Listing does not consume.
      expect((await b.listDeadLetters(queue)).map((d) => d.messageId)).toEqual([env.id]);
      fail = false;
      expect(await b.replayDeadLetters(queue, [env.id])).toBe(1);
      await waitFor(() => calls.length === 4, { message: 'replayed delivery' });
      expect(await b.listDeadLetters(queue)).toEqual([]);
    });

    it('sends a permanent failure to the dead-letter queue without retrying', async () => {
      const { Ping } = world();
      const b = await bus(uniqueName('svc'));
      let calls = 0;
      const queue = await subscribe(b, 'perm', [
        on(Ping, async () => {
          calls++;
          throw new PermanentError('bad business');
        }),
      ]);
      await b.publish(Ping, { n: 1, group: 'p' });
      const dead = await waitFor(async () => (await b.listDeadLetters(queue))[0], { message: 'dead letter' });
      expect(calls).toBe(1);
      expect(dead.failure.error).toBe('bad business');
    });

    it('dead-letters malformed messages and keeps consuming', async () => {
      const { Ping, exchange } = world();
      const b = await bus(uniqueName('svc'));
      const got: number[] = [];
      const queue = await subscribe(b, 'robust', [on(Ping, async (p) => void got.push(p.n))]);
      const raw = (id: string, body: string) =>
        b.transport.publish({
          exchange: exchange.name,
          routingKey: 'ping.x',
          messageId: id,
          body: Buffer.from(body),
          headers: {},
        });
      await raw('m1', '{not json');
      await raw('m2', JSON.stringify({ hello: 'no envelope' }));
      const badPayload = createEnvelope({
        type: 'test.ping',
        version: 1,
        source: 'x',
        payload: { n: 'three' },
      });
      await raw(badPayload.id, JSON.stringify(badPayload));
      const unknownType = createEnvelope({ type: 'test.unknown', version: 1, source: 'x', payload: {} });
      await raw(unknownType.id, JSON.stringify(unknownType));
      await b.publish(Ping, { n: 42, group: 'x' });
      await waitFor(() => got.includes(42), { message: 'good message after bad ones' });
      const dead = await waitFor(
        async () => {
          const d = await b.listDeadLetters(queue);
          return d.length === 4 ? d : undefined;
        },
        { message: '4 dead letters' },
      );
      const errors = dead.map((d) => d.failure.error).join('\n');
      expect(errors).toMatch(/malformed message: not JSON/);
      expect(errors).toMatch(/malformed message: .*id/);
      expect(errors).toMatch(/invalid test.ping payload: n/);
      expect(errors).toMatch(/no handler for event type test.unknown/);
    });

    it('redelivers unacknowledged messages when a consumer dies', async () => {
      const { Ping } = world();
      const svc = uniqueName('svc');
      const doomed = await bus(svc);
      const holding = deferred();
      await subscribe(
        doomed,
        'crashy',
        [
          on(Ping, async () => {
            holding.resolve();
            await new Promise(() => {}); // never settles: the process "hangs" then dies
          }),
        ],
        { prefetch: 1 },
      );
      await doomed.publish(Ping, { n: 5, group: 'c' });
      await holding.promise;
      const survivor = await bus(svc);
      const got: { n: number; redelivered: boolean }[] = [];
      await subscribe(survivor, 'crashy', [
        on(Ping, async (p, ctx) => void got.push({ n: p.n, redelivered: ctx.redelivered })),
      ]);
      doomed.transport.destroy();
      buses.splice(buses.indexOf(doomed), 1);
      await waitFor(() => got.length === 1, { message: 'redelivery' });
      expect(got[0]).toEqual({ n: 5, redelivered: true });
    });

    it('handles a duplicate delivery of the same event once (inbox)', async () => {
      const { Ping, exchange } = world();
      const db = await fx.database(uniqueName('inbox'));
      await migrate(db, busMigrations);
      const b = await bus(uniqueName('svc'), db);
      const handled: string[] = [];
      await subscribe(b, 'dedup', [on(Ping, async (_p, ctx) => void handled.push(ctx.envelope.id))]);
      const env = createEnvelope({
        type: 'test.ping',
        version: 1,
        source: 'x',
        payload: { n: 1, group: 'd' },
      });
      const body = Buffer.from(JSON.stringify(env));
      for (let i = 0; i < 3; i++) {
        await b.transport.publish({
          exchange: exchange.name,
          routingKey: 'ping.d',
          messageId: env.id,
          body,
          headers: {},
        });
      }
      await b.publish(Ping, { n: 2, group: 'd' });
      await waitFor(() => handled.length === 2, { message: 'two distinct events' });
      await sleep(100);
      expect(handled).toHaveLength(2);
      expect(handled[0]).toBe(env.id);
      await db.close();
    });

    it('runs afterCommit callbacks once the handler transaction committed, never on rollback or duplicate', async () => {
      const { Ping, exchange } = world();
      const db = await fx.database(uniqueName('aftercommit'));
      await migrate(db, busMigrations);
      await sql`CREATE TABLE seen (n integer PRIMARY KEY)`.execute(db.db);
      type Tables = BusTables & { seen: { n: number } };
      const b = await bus(uniqueName('svc'), db);
      // What the callback read through another connection: a row visible only after commit.
      const read: { n: number; visible: boolean }[] = [];
      const handled: number[] = [];
      await subscribe(b, 'commit', [
        on(Ping, async (p, ctx) => {
          handled.push(p.n);
          await ctx.tx<Tables>().insertInto('seen').values({ n: p.n }).execute();
          ctx.afterCommit(() => {
            void (db.db as unknown as Kysely<Tables>)
              .selectFrom('seen')
              .select('n')
              .where('n', '=', p.n)
              .executeTakeFirst()
              .then((row) => read.push({ n: p.n, visible: row !== undefined }));
          });
          if (p.group === 'rollback') throw new PermanentError('rolled back');
          if (p.group === 'boom')
            ctx.afterCommit(() => {
              throw new Error('callback bug');
            });
        }),
      ]);
      await b.publish(Ping, { n: 1, group: 'ok' });
      await b.publish(Ping, { n: 2, group: 'rollback' });
      // A throwing callback is logged; the event is still acked (not retried, not dead).
      await b.publish(Ping, { n: 3, group: 'boom' });
      const dup = createEnvelope({
        type: 'test.ping',
        version: 1,
        source: 'x',
        payload: { n: 4, group: 'd' },
      });
      for (let i = 0; i < 2; i++) {
        await b.transport.publish({
          exchange: exchange.name,
          routingKey: 'ping.d',
          messageId: dup.id,
          body: Buffer.from(JSON.stringify(dup)),
          headers: {},
        });
      }
      await waitFor(() => read.length === 3, { message: 'three callbacks' });
      await sleep(150);
      expect(read.sort((x, y) => x.n - y.n)).toEqual([
        { n: 1, visible: true },
        { n: 3, visible: true },
        { n: 4, visible: true },
      ]);
      expect(handled.sort()).toEqual([1, 2, 3, 4]);
      await db.close();
    });

    it('runs afterCommit callbacks after a handler without a transaction succeeded, not after it failed', async () => {
      const { Ping } = world();
      const b = await bus(uniqueName('svc'));
      const order: string[] = [];
      await subscribe(b, 'plain', [
        on(Ping, async (p, ctx) => {
          ctx.afterCommit(() => order.push(`after ${p.n}/${ctx.attempt}`));
          order.push(`handle ${p.n}/${ctx.attempt}`);
          if (p.n === 2 && ctx.attempt < 2) throw new Error('once');
        }),
      ]);
      await b.publish(Ping, { n: 1, group: 'p' });
      await waitFor(() => order.length === 2, { message: 'first event' });
      await b.publish(Ping, { n: 2, group: 'p' });
      await waitFor(() => order.length === 5, { message: 'retried event' });
      await sleep(100);
      expect(order).toEqual(['handle 1/1', 'after 1/1', 'handle 2/1', 'handle 2/2', 'after 2/2']);
    });

    it('publishes outbox events after commit, never for a rollback', async () => {
      const { Ping } = world();
      const db = await fx.database(uniqueName('outbox'));
      await migrate(db, busMigrations);
      const transport = await fx.connect();
      transports.push(transport);
      const relay = new OutboxRelay({ db: db.db, transport, pollMs: 50 });
      const b = new Bus({ transport, service: uniqueName('svc'), db: db.db, relay, defaultRetry: fast });
      buses.push(b);
      const got: number[] = [];
      // One at a time: with the default prefetch two handlers run at once and may finish in either order.
      await subscribe(b, 'out', [on(Ping, async (p) => void got.push(p.n))], { prefetch: 1 });
      relay.start();
      await db.db.transaction().execute(async (trx) => {
        await b.enqueue(trx, Ping, { n: 1, group: 'o' });
        await b.enqueue(trx, Ping, { n: 2, group: 'o' });
      });
      b.afterCommit();
      await expect(
        db.db.transaction().execute(async (trx) => {
          await b.enqueue(trx, Ping, { n: 3, group: 'o' });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await waitFor(() => got.length === 2, { message: 'outbox delivery' });
      await sleep(150);
      expect(got).toEqual([1, 2]);
      expect(await db.db.selectFrom('platform_outbox').selectAll().execute()).toEqual([]);
      await relay.stop();
      await db.close();
    });

    it('relays outbox events to an exchange nobody has declared yet', async () => {
      const { Ping } = world();
      const db = await fx.database(uniqueName('outbox'));
      await migrate(db, busMigrations);
      const transport = await fx.connect();
      transports.push(transport);
      const relay = new OutboxRelay({ db: db.db, transport, pollMs: 50 });
      const b = new Bus({ transport, service: uniqueName('svc'), db: db.db, relay });
      await db.db.transaction().execute((trx) => b.enqueue(trx, Ping, { n: 1, group: 'lonely' }));
      expect(await relay.flush()).toBe(1);
      expect(await db.db.selectFrom('platform_outbox').selectAll().execute()).toEqual([]);
      await db.close();
    });

    it('refuses to publish a payload that breaks its schema', async () => {
      const { Ping } = world();
      const b = await bus(uniqueName('svc'));
      await expect(b.publish(Ping, { n: 1.5, group: 'x' })).rejects.toThrow(/invalid test.ping payload/);
    });
  });
}

export type { ExchangeDef };

/** Deletes test queues on a real broker, with their dead-letter and retry queues. */
export async function deleteRabbitQueues(
  url: string,
  queues: string[],
  retryDelays: number[] = [40, 80, 1000, 4000, 16000, 64000],
): Promise<void> {
  const { Connection } = await import('rabbitmq-client');
  const { dlqName, retryQueueName } = await import('../transport');
  const c = new Connection(url);
  for (const q of queues) {
    for (const name of [q, dlqName(q), ...retryDelays.map((d) => retryQueueName(q, d))]) {
      await c.queueDelete({ queue: name }).catch(() => undefined);
    }
  }
  await c.close();
}
