/**
 * A consumer in its own process, for the crash test: handles ChaosTick by recording the
 * event in `handled`, inside the inbox transaction. The test kills it with SIGKILL.
 * Env: RABBITMQ_URL, DATABASE_URL, CHAOS_SCHEMA, CHAOS_QUEUE.
 */
import { openPostgres } from '@switchyard/store';
import { Bus, on } from '../bus';
import { RabbitTransport } from '../rabbitmq';
import type { BusTables } from '../sql';
import { ChaosTick } from './world';

interface Handled {
  handled: { event_id: string; n: number };
}

const database = await openPostgres<BusTables & Handled>({
  url: process.env.DATABASE_URL!,
  schema: process.env.CHAOS_SCHEMA!,
  max: 10,
});
const transport = new RabbitTransport({ url: process.env.RABBITMQ_URL!, connectionName: 'chaos-consumer' });
await transport.connect();
const bus = new Bus({ transport, service: 'chaos', db: database.db as never });
await bus.subscribe({
  name: 'ticks',
  queue: process.env.CHAOS_QUEUE!,
  prefetch: 50,
  handlers: [
    on(ChaosTick, async (tick, ctx) => {
      await ctx
        .tx<Handled>()
        .insertInto('handled')
        .values({ event_id: ctx.envelope.id, n: tick.n })
        .execute();
    }),
  ],
});
process.stdout.write('consuming\n');
