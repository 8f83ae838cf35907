/**
 * CPU cost of the bus itself, without a broker: envelope, validation, dispatch and
 * acknowledgement through the in-process transport. Prints microseconds per message.
 *
 *   node --import tsx bench/bus/overhead.ts [messages]
 */
import { z } from 'zod';
import { Bus, defineEvent, defineExchange, MemoryBroker, on } from '@switchyard/bus';

const N = Number(process.argv[2] ?? 100_000);
const exchange = defineExchange({ name: 'overhead' });
const Tick = defineEvent({
  type: 'bench.tick',
  exchange,
  routingKey: 'bench.tick',
  schema: z.object({ n: z.number().int(), data: z.string() }),
});
const data = 'x'.repeat(1024);

async function round(): Promise<number> {
  const broker = new MemoryBroker();
  const consumer = new Bus({ transport: broker.connect(), service: 'c' });
  const publisher = new Bus({ transport: broker.connect(), service: 'p' });
  let got = 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  await consumer.subscribe({
    name: 't',
    prefetch: 100,
    handlers: [on(Tick, async () => void (++got === N && done()))],
  });
  const t0 = performance.now();
  for (let n = 0; n < N; n += 256)
    await Promise.all(
      Array.from({ length: Math.min(256, N - n) }, (_, i) => publisher.publish(Tick, { n: n + i, data })),
    );
  await finished;
  const us = ((performance.now() - t0) * 1000) / N;
  broker.close();
  return us;
}

await round();
const rounds = [await round(), await round(), await round()].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    messages: N,
    microsecondsPerMessage: Number(rounds[1]!.toFixed(1)),
    node: process.version,
  }),
);
