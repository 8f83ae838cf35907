import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, infraUrl, uniqueName, waitFor } from '@switchyard/testing';
import { migrate, openPostgres } from '@switchyard/store';
import { Bus } from '../bus';
import { RabbitTransport } from '../rabbitmq';
import { busMigrations } from '../sql';
import { dlqName } from '../transport';
import { deleteRabbitQueues } from '../testing';
import { ChaosTick, handledTable } from './world';

const CONSUMER = fileURLToPath(new URL('./consumer-process.ts', import.meta.url));
const TOTAL = 10_000;

describeWith('RABBITMQ_URL', 'a consumer killed with SIGKILL mid-stream', (rabbitUrl) => {
  const dbUrl = infraUrl('DATABASE_URL')!;
  const schema = uniqueName('chaos');
  const queue = uniqueName('chaos_q');
  let client: pg.Client;
  let publisher: RabbitTransport;
  let child: ChildProcess | undefined;

  const startConsumer = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const p = spawn(process.execPath, ['--import', 'tsx', CONSUMER], {
        env: {
          ...process.env,
          RABBITMQ_URL: rabbitUrl,
          DATABASE_URL: dbUrl,
          CHAOS_SCHEMA: schema,
          CHAOS_QUEUE: queue,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      p.stdout!.on('data', (d: Buffer) => d.toString().includes('consuming') && resolve(p));
      p.once('exit', (code) => reject(new Error(`consumer exited early (${code})`)));
    });
  const count = async (sql: string) => Number((await client.query(sql)).rows[0].n);

  beforeAll(async () => {
    const db = await openPostgres({ url: dbUrl, schema });
    await migrate(db, [...busMigrations, handledTable]);
    await db.close();
    client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    await client.query(`SET search_path TO "${schema}"`);
    publisher = new RabbitTransport({ url: rabbitUrl, connectionName: 'chaos-publisher' });
    await publisher.connect();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await publisher.close();
    await deleteRabbitQueues(rabbitUrl, [queue]);
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await client.end();
  });

  it(`handles all ${TOTAL} events exactly once across the crash`, async () => {
    child = await startConsumer();
    const bus = new Bus({ transport: publisher, service: 'chaos-publisher' });
    const pad = 'x'.repeat(200);
    // Publish in the background while the consumer works.
    const publishing = (async () => {
      for (let n = 0; n < TOTAL; n += 100) {
        await Promise.all(Array.from({ length: 100 }, (_, i) => bus.publish(ChaosTick, { n: n + i, pad })));
      }
    })();

    await waitFor(async () => (await count('SELECT count(*) AS n FROM handled')) >= 2500, {
      timeoutMs: 60_000,
      message: '2,500 handled',
    });
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    const atCrash = await count('SELECT count(*) AS n FROM handled');
    expect(atCrash).toBeLessThan(TOTAL);

    child = await startConsumer();
    await publishing;
    await waitFor(async () => (await count('SELECT count(DISTINCT n) AS n FROM handled')) === TOTAL, {
      timeoutMs: 120_000,
      message: `all ${TOTAL} handled`,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await count('SELECT count(*) AS n FROM handled')).toBe(TOTAL);
    expect(await count('SELECT count(DISTINCT event_id) AS n FROM handled')).toBe(TOTAL);
    expect(await publisher.queueDepth(dlqName(queue))).toBe(0);
  });
});
