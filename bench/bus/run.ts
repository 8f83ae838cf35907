/**
 * Bus throughput on RabbitMQ next to the raw client doing the same work in the same run:
 * durable queue, persistent 1 KiB messages, publisher confirms, prefetch, manual ack.
 * Each round publishes N messages (a window of confirms in flight) while one consumer
 * drains them; the figure is messages per second from first publish to last ack.
 *
 *   RABBITMQ_URL=amqp://guest:guest@127.0.0.1:5672 node --import tsx bench/bus/run.ts [N] [rounds]
 */
import { Connection, ConsumerStatus } from 'rabbitmq-client';
import { z } from 'zod';
import { Bus, defineEvent, defineExchange, on, RabbitTransport } from '@switchyard/bus';

const url = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const N = Number(process.argv[2] ?? 20_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const WINDOW = 256;
const PREFETCH = 100;
const payload = 'x'.repeat(1024);

const exchange = defineExchange({ name: 'bench_bus_exchange' });
const Tick = defineEvent({
  type: 'bench.tick',
  exchange,
  routingKey: 'bench.tick',
  schema: z.object({ n: z.number().int(), data: z.string() }),
});

/** Runs `publishOne` N times with at most WINDOW in flight. */
async function pipeline(publishOne: (n: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: WINDOW }, async () => {
      while (next < N) await publishOne(next++);
    }),
  );
}

async function raw(): Promise<number> {
  const queue = 'bench.raw';
  // Publisher and consumer on separate connections, as two services would be (and as the bus run is).
  const conn = new Connection({ url, connectionName: 'bench-raw-consumer' });
  const pubConn = new Connection({ url, connectionName: 'bench-raw-publisher' });
  await conn.exchangeDeclare({ exchange: 'bench_raw_exchange', type: 'topic', durable: true });
  await conn.queueDeclare({ queue, durable: true });
  await conn.queuePurge(queue);
  await conn.queueBind({ queue, exchange: 'bench_raw_exchange', routingKey: 'bench.tick' });
  let received = 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const consumer = conn.createConsumer(
    { queue, queueOptions: { durable: true }, qos: { prefetchCount: PREFETCH }, concurrency: PREFETCH },
    async (msg) => {
      // Parse what was sent, as any real consumer would.
      const body = msg.body as { n: number; data: string };
      if (typeof body.n !== 'number') throw new Error('bad message');
      if (++received === N) done();
      return ConsumerStatus.ACK;
    },
  );
  const publisher = pubConn.createPublisher({ confirm: true });
  const started = performance.now();
  await pipeline((n) =>
    publisher.send(
      { exchange: 'bench_raw_exchange', routingKey: 'bench.tick', durable: true, messageId: String(n) },
      { n, data: payload },
    ),
  );
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await consumer.close();
  await publisher.close();
  await Promise.all([conn.close(), pubConn.close()]);
  return N / seconds;
}

async function bus(): Promise<number> {
  const queue = 'bench.bus';
  const consumerSide = new RabbitTransport({ url, connectionName: 'bench-bus-consumer' });
  const publisherSide = new RabbitTransport({ url, connectionName: 'bench-bus-publisher' });
  await Promise.all([consumerSide.connect(), publisherSide.connect()]);
  const purge = new Connection(url);
  await purge.queuePurge(queue).catch(() => undefined);
  await purge.close();
  let received = 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const consumer = new Bus({ transport: consumerSide, service: 'bench' });
  await consumer.subscribe({
    name: 'ticks',
    queue,
    prefetch: PREFETCH,
    handlers: [
      on(Tick, async () => {
        if (++received === N) done();
      }),
    ],
  });
  const publisher = new Bus({ transport: publisherSide, service: 'bench' });
  const started = performance.now();
  await pipeline((n) => publisher.publish(Tick, { n, data: payload }));
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await consumer.stopConsuming();
  await Promise.all([consumerSide.close(), publisherSide.close()]);
  return N / seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only === 'bus' || only === 'raw') {
    const rate = only === 'bus' ? await bus() : await raw();
    console.log(JSON.stringify({ only, perSecond: Math.round(rate) }));
    return;
  }
  // One warm-up round each, not counted.
  await raw();
  await bus();
  const rawRates: number[] = [];
  const busRates: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rawRates.push(await raw());
    busRates.push(await bus());
  }
  const result = {
    messages: N,
    payloadBytes: 1024,
    prefetch: PREFETCH,
    confirmWindow: WINDOW,
    rounds: ROUNDS,
    rawPerSecond: Math.round(median(rawRates)),
    busPerSecond: Math.round(median(busRates)),
    ratio: Number((median(busRates) / median(rawRates)).toFixed(3)),
    rawRounds: rawRates.map(Math.round),
    busRounds: busRates.map(Math.round),
    node: process.version,
  };
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
