import { sql, type Kysely, type Transaction } from 'kysely';
import type { EventDef, PayloadOf } from './define';
import { createEnvelope, type Envelope } from './envelope';
import {
  noMetrics,
  silentLogger,
  stampTraceContext,
  activeTraceHeaders,
  withMessageSpan,
  type BusMetrics,
  type LoggerLike,
} from './observe';
import type { BusTables } from './sql';
import type { Transport } from './transport';

export interface PublishMeta {
  correlationId?: string;
  causationId?: string | null;
  id?: string;
}

/** Validates a payload against its event declaration and wraps it in an envelope. */
export function buildEnvelope<E extends EventDef>(
  source: string,
  event: E,
  payload: PayloadOf<E>,
  meta: PublishMeta = {},
  /** Record the active trace context (a direct publish stamps inside its own span instead). */
  stamp = true,
): Envelope<PayloadOf<E>> {
  const parsed = event.schema.safeParse(payload);
  if (!parsed.success) {
    throw new Error(
      `invalid ${event.type} payload: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const envelope = createEnvelope({
    type: event.type,
    version: event.version,
    source,
    payload: parsed.data as PayloadOf<E>,
    ...meta,
  });
  if (stamp) stampTraceContext(envelope);
  return envelope;
}

/** Writes events into the outbox table inside the caller's transaction. */
export class Outbox {
  constructor(private readonly source: string) {}

  async enqueue<E extends EventDef>(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's transaction
    trx: Transaction<any> | Kysely<any>,
    event: E,
    payload: PayloadOf<E>,
    meta?: PublishMeta,
  ): Promise<Envelope<PayloadOf<E>>> {
    const envelope = buildEnvelope(this.source, event, payload, meta);
    await (trx as Kysely<BusTables>)
      .insertInto('platform_outbox')
      .values({
        id: envelope.id,
        exchange: event.exchange.name,
        routing_key: event.routingKey(envelope.payload),
        type: event.type,
        body: JSON.stringify(envelope),
      })
      .execute();
    return envelope;
  }
}

export interface OutboxRelayOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table set that includes the platform tables
  db: Kysely<any>;
  transport: Transport;
  logger?: LoggerLike;
  metrics?: BusMetrics;
  /** Fallback poll interval; commits that enqueue events nudge the relay at once. */
  pollMs?: number;
  batchSize?: number;
  /** How long a claimed batch stays reserved for this relay before others may take it. */
  claimMs?: number;
}

/**
 * Publishes outbox rows after commit. Rows are claimed with a short lease (so several
 * instances share the work without holding a transaction open during publishing), published
 * with confirms, then deleted. A failed publish leaves the row for the next round.
 */
export class OutboxRelay {
  private readonly db: Kysely<BusTables>;
  private readonly log: LoggerLike;
  private readonly metrics: BusMetrics;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly claimMs: number;
  private running = false;
  private wake: (() => void) | null = null;
  private pendingNudge = false;
  private loop: Promise<void> | null = null;
  private failing = false;
  private readonly exchanges = new Set<string>();

  constructor(private readonly options: OutboxRelayOptions) {
    this.db = options.db;
    this.log = options.logger ?? silentLogger;
    this.metrics = options.metrics ?? noMetrics;
    this.pollMs = options.pollMs ?? 1000;
    this.batchSize = options.batchSize ?? 200;
    this.claimMs = options.claimMs ?? 30_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Asks the relay to look at the outbox now. */
  nudge(): void {
    this.pendingNudge = true;
    this.wake?.();
  }

  /** Stops after the batch in hand; rows not yet published stay for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Publishes everything pending now; returns how many rows were published. */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.relayBatch();
      total += n;
      if (n < this.batchSize) return total;
    }
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (this.running) {
      this.pendingNudge = false;
      try {
        const n = await this.relayBatch();
        if (this.failing) this.log.info({}, 'outbox relay publishing again');
        this.failing = false;
        backoff = 100;
        if (n === this.batchSize) continue;
        if (this.pendingNudge) continue;
        await this.sleep(this.pollMs);
      } catch (err) {
        if (!this.failing) this.log.warn({ err: String(err) }, 'outbox relay cannot publish; retrying');
        this.failing = true;
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async relayBatch(): Promise<number> {
    const claimed = await sql<{
      id: string;
      exchange: string;
      routing_key: string;
      type: string;
      body: string;
    }>`
      UPDATE platform_outbox SET claimed_until = now() + ${`${this.claimMs} milliseconds`}::interval,
        attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM platform_outbox
        WHERE claimed_until IS NULL OR claimed_until < now()
        ORDER BY id LIMIT ${this.batchSize}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, exchange, routing_key, type, body`.execute(this.db);
    const rows = claimed.rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    if (rows.length === 0) return 0;
    // Rows may name an exchange no one has declared yet in this broker (no subscriber so far).
    try {
      for (const name of new Set(rows.map((r) => r.exchange))) {
        if (this.exchanges.has(name)) continue;
        await this.options.transport.ensureExchange(name);
        this.exchanges.add(name);
      }
    } catch (err) {
      await this.release(
        rows.map((r) => r.id),
        err,
      );
      throw err;
    }
    const published: string[] = [];
    let failure: unknown = null;
    await Promise.all(
      rows.map(async (row) => {
        const envelope = JSON.parse(row.body) as Envelope;
        try {
          await withMessageSpan(
            `${row.exchange} publish`,
            'producer',
            envelope,
            {
              'messaging.system': 'rabbitmq',
              'messaging.destination.name': row.exchange,
              'messaging.message.id': row.id,
            },
            () =>
              this.options.transport.publish({
                exchange: row.exchange,
                routingKey: row.routing_key,
                messageId: row.id,
                body: Buffer.from(row.body, 'utf8'),
                headers: { 'x-event-type': row.type, ...activeTraceHeaders() },
              }),
          );
          published.push(row.id);
          this.metrics.published(row.exchange, row.type);
        } catch (err) {
          failure = err;
          this.metrics.publishFailed(row.exchange, row.type);
        }
      }),
    );
    if (published.length > 0)
      await this.db.deleteFrom('platform_outbox').where('id', 'in', published).execute();
    const unpublished = rows.filter((r) => !published.includes(r.id)).map((r) => r.id);
    if (unpublished.length > 0) {
      await this.release(unpublished, failure);
      throw failure;
    }
    return rows.length;
  }

  /** Gives rows back at once, so the retry does not wait for their lease to expire. */
  private async release(ids: string[], failure: unknown): Promise<void> {
    await this.db
      .updateTable('platform_outbox')
      .set({ claimed_until: null, last_error: String(failure).slice(0, 2000) })
      .where('id', 'in', ids)
      .execute();
  }
}
