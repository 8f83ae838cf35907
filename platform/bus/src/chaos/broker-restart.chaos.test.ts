import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, infraUrl, uniqueName, waitFor } from '@switchyard/testing';
import { migrate, openPostgres, type Database } from '@switchyard/store';
import { Bus, on } from '../bus';
import { OutboxRelay } from '../outbox';
import { RabbitTransport } from '../rabbitmq';
import { busMigrations, type BusTables } from '../sql';
import { deleteRabbitQueues } from '../testing';
import { unitOfWork } from '../unit-of-work';
import { ChaosTick, handledTable } from './world';

const TOTAL = 2000;
const rabbitctl = (...args: string[]) =>
  execFileSync('rabbitmqctl', args, { stdio: 'ignore', timeout: 60_000 });

describeWith(
  'RABBITMQ_URL',
  'RabbitMQ restarted while a service publishes through the outbox',
  (rabbitUrl) => {
    const dbUrl = infraUrl('DATABASE_URL')!;
    const schema = uniqueName('restart');
    const queue = uniqueName('restart_q');
    let database: Database<BusTables & { handled: { event_id: string; n: number } }>;
    let client: pg.Client;
    const transports: RabbitTransport[] = [];

    beforeAll(async () => {
      database = await openPostgres({ url: dbUrl, schema, max: 10 });
      await migrate(database, [...busMigrations, handledTable]);
      client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      await client.query(`SET search_path TO "${schema}"`);
    });
    afterAll(async () => {
      // Whatever happened, leave the broker running for the tests after this one.
      try {
        rabbitctl('start_app');
      } catch {
        /* already running */
      }
      for (const t of transports) await t.close(1000).catch(() => undefined);
      await deleteRabbitQueues(rabbitUrl, [queue]);
      await database.close();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    });

    it(`delivers all ${TOTAL} outbox events once the broker is back`, async () => {
      const connect = async (name: string) => {
        const t = new RabbitTransport({ url: rabbitUrl, connectionName: name });
        await t.connect();
        transports.push(t);
        return t;
      };
      const consumerBus = new Bus({
        transport: await connect('restart-consumer'),
        service: 'restart-consumer',
        db: database.db,
      });
      await consumerBus.subscribe({
        name: 'ticks',
        queue,
        handlers: [
          on(ChaosTick, async (tick, ctx) => {
            await ctx
              .tx<{ handled: { event_id: string; n: number } }>()
              .insertInto('handled')
              .values({ event_id: ctx.envelope.id, n: tick.n })
              .execute();
          }),
        ],
      });
      const publisherTransport = await connect('restart-publisher');
      const relay = new OutboxRelay({ db: database.db, transport: publisherTransport, pollMs: 100 });
      const bus = new Bus({
        transport: publisherTransport,
        service: 'restart-publisher',
        db: database.db,
        relay,
      });
      relay.start();

      // The service keeps writing (and enqueueing) throughout; the broker goes away in the middle.
      const writing = (async () => {
        for (let n = 0; n < TOTAL; n += 50) {
          await unitOfWork(database.db, bus, async (trx, publish) => {
            for (let i = 0; i < 50; i++) await publish(ChaosTick, { n: n + i, pad: 'p' });
          });
          await new Promise((r) => setTimeout(r, 25));
        }
      })();
      await waitFor(
        async () => Number((await client.query('SELECT count(*) AS n FROM handled')).rows[0].n) > 200,
        {
          timeoutMs: 30_000,
          message: 'first events through',
        },
      );
      rabbitctl('stop_app');
      await new Promise((r) => setTimeout(r, 3000));
      const pendingDuringOutage = Number(
        (await client.query('SELECT count(*) AS n FROM platform_outbox')).rows[0].n,
      );
      rabbitctl('start_app');
      await writing;

      await waitFor(
        async () =>
          Number((await client.query('SELECT count(DISTINCT n) AS n FROM handled')).rows[0].n) === TOTAL,
        {
          timeoutMs: 90_000,
          message: `all ${TOTAL} events handled`,
        },
      );
      expect(pendingDuringOutage).toBeGreaterThan(0);
      expect(Number((await client.query('SELECT count(*) AS n FROM handled')).rows[0].n)).toBe(TOTAL);
      await waitFor(
        async () => Number((await client.query('SELECT count(*) AS n FROM platform_outbox')).rows[0].n) === 0,
        {
          message: 'outbox drained',
        },
      );
      await relay.stop();
      await consumerBus.stopConsuming();
    });
  },
);
