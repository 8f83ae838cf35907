import type { Kysely, Transaction } from 'kysely';
import type { EventDef, ExchangeDef, PayloadOf } from './define';
import { envelopeProblem, type Envelope } from './envelope';
import {
  noMetrics,
  silentLogger,
  stampTraceContext,
  activeTraceHeaders,
  deliveryTraceParent,
  withMessageSpan,
  type BusMetrics,
  type LoggerLike,
} from './observe';
import { buildEnvelope, Outbox, type OutboxRelay, type PublishMeta } from './outbox';
import type { BusTables } from './sql';
import type { ConsumerHandle, DeadLetter, Delivery, Disposition, Transport } from './transport';

/** A failure that retrying cannot fix: the message goes to the dead-letter queue at once. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

export const defaultRetry: RetryPolicy = {
  attempts: 5,
  initialDelayMs: 1000,
  factor: 4,
  maxDelayMs: 5 * 60_000,
};

/** Delay before attempt n+1 after attempt n failed (n from 1). */
export function retryDelays(policy: RetryPolicy): number[] {
  const out: number[] = [];
  for (let n = 1; n < policy.attempts; n++) {
    out.push(Math.min(Math.round(policy.initialDelayMs * policy.factor ** (n - 1)), policy.maxDelayMs));
  }
  return out;
}

export interface HandlerContext {
  envelope: Envelope;
  attempt: number;
  redelivered: boolean;
  log: LoggerLike;
  /** The transaction that also records the event as handled (transactional subscriptions). */
  trx: Transaction<BusTables> | undefined;
  /** `trx` typed with the service's tables; throws outside a transactional subscription. */
  tx<DB>(): Transaction<DB>;
  /**
   * Publishes a follow-up event with this one as its cause: through the outbox in `trx`
   * when there is one, directly otherwise.
   */
  publish<E extends EventDef>(event: E, payload: PayloadOf<E>): Promise<void>;
}

export interface HandlerEntry {
  event: EventDef;
  handle: (payload: unknown, ctx: HandlerContext) => Promise<void>;
}

/** Pairs an event declaration with its handler, keeping the payload type. */
export function on<E extends EventDef>(
  event: E,
  handle: (payload: PayloadOf<E>, ctx: HandlerContext) => Promise<void>,
): HandlerEntry {
  return { event, handle: handle as HandlerEntry['handle'] };
}

export interface SubscriptionSpec {
  /** Logical name; the queue is `<service>.<name>` unless `queue` is given. */
  name: string;
  queue?: string;
  handlers: HandlerEntry[];
  /** Routing-key patterns; by default each handled event's binding pattern. */
  bindings?: string[];
  prefetch?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * true (default): the handler runs inside the transaction that records the event in the
   * inbox, so its writes and the dedup mark commit together. false: for handlers that do slow
   * outside work; the mark is written after the handler succeeds.
   */
  transactional?: boolean;
}

export interface BusOptions {
  transport: Transport;
  /** Service name: the envelope `source` and the queue prefix. */
  service: string;
  logger?: LoggerLike;
  metrics?: BusMetrics;
  /**
   * The service's database, for the inbox and outbox; without it handlers are not
   * deduplicated. Any table set that includes the platform tables is accepted.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely is invariant in its table set
  db?: Kysely<any>;
  relay?: OutboxRelay;
  defaultPrefetch?: number;
  defaultRetry?: Partial<RetryPolicy>;
}

interface ActiveSubscription {
  queue: string;
  spec: SubscriptionSpec;
  handle: ConsumerHandle;
}

/** A service's view of the message bus: typed publish, subscriptions with retries, dead letters. */
export class Bus {
  readonly service: string;
  readonly transport: Transport;
  private readonly log: LoggerLike;
  private readonly metrics: BusMetrics;
  private readonly db: Kysely<BusTables> | undefined;
  private readonly relay: OutboxRelay | undefined;
  private readonly outbox: Outbox;
  private readonly subscriptions: ActiveSubscription[] = [];
  private readonly declared = new Set<string>();

  constructor(private readonly options: BusOptions) {
    this.service = options.service;
    this.transport = options.transport;
    this.log = options.logger ?? silentLogger;
    this.metrics = options.metrics ?? noMetrics;
    this.db = options.db;
    this.relay = options.relay;
    this.outbox = new Outbox(options.service);
  }

  /** Publishes now and resolves when the broker confirmed. Prefer `enqueue` next to a database write. */
  async publish<E extends EventDef>(
    event: E,
    payload: PayloadOf<E>,
    meta?: PublishMeta,
  ): Promise<Envelope<PayloadOf<E>>> {
    await this.declare(event.exchange);
    const envelope = buildEnvelope(this.service, event, payload, meta, false);
    const routingKey = event.routingKey(envelope.payload);
    await withMessageSpan(
      `${event.exchange.name} publish`,
      'producer',
      undefined,
      {
        'messaging.system': this.transport.kind,
        'messaging.destination.name': event.exchange.name,
        'messaging.message.id': envelope.id,
      },
      async () => {
        // Re-stamp inside the producer span so consumers become its children.
        stampTraceContext(envelope);
        try {
          await this.transport.publish({
            exchange: event.exchange.name,
            routingKey,
            messageId: envelope.id,
            body: Buffer.from(JSON.stringify(envelope), 'utf8'),
            headers: { 'x-event-type': event.type, ...activeTraceHeaders() },
          });
          this.metrics.published(event.exchange.name, event.type);
        } catch (err) {
          this.metrics.publishFailed(event.exchange.name, event.type);
          throw err;
        }
      },
    );
    return envelope;
  }

  /** Writes the event into the outbox within `trx`; it is published after commit. */
  async enqueue<E extends EventDef>(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's transaction
    trx: Transaction<any>,
    event: E,
    payload: PayloadOf<E>,
    meta?: PublishMeta,
  ): Promise<Envelope<PayloadOf<E>>> {
    return this.outbox.enqueue(trx, event, payload, meta);
  }

  /** Tells the relay that a commit added outbox rows. */
  afterCommit(): void {
    this.relay?.nudge();
  }

  queueName(spec: SubscriptionSpec): string {
    return spec.queue ?? `${this.service}.${spec.name}`;
  }

  async subscribe(spec: SubscriptionSpec): Promise<void> {
    const exchange = singleExchange(spec);
    await this.declare(exchange);
    const queue = this.queueName(spec);
    const policy: RetryPolicy = { ...defaultRetry, ...this.options.defaultRetry, ...spec.retry };
    const delays = retryDelays(policy);
    const byType = new Map(spec.handlers.map((h) => [h.event.type, h]));
    const handle = await this.transport.consume(
      {
        queue,
        exchange,
        bindings: spec.bindings ?? [...new Set(spec.handlers.map((h) => h.event.bindingPattern))],
        prefetch: spec.prefetch ?? this.options.defaultPrefetch ?? 20,
        retryDelaysMs: [...new Set(delays)],
      },
      (delivery) =>
        this.process(queue, spec, byType, policy, delays, delivery).catch((err): Disposition => {
          // A bug here must not become an endless redelivery loop: back off, then dead-letter.
          this.log.error({ queue, err: String(err) }, 'delivery processing failed');
          if (delivery.attempt >= policy.attempts) {
            return {
              kind: 'dead',
              failure: { error: String(err), attempts: delivery.attempt, failedAt: new Date().toISOString() },
            };
          }
          return { kind: 'retry', delayMs: delays[delivery.attempt - 1] ?? policy.maxDelayMs };
        }),
    );
    this.subscriptions.push({ queue, spec, handle });
  }

  /** Queues of this service's subscriptions. */
  queues(): string[] {
    return this.subscriptions.map((s) => s.queue);
  }

  listDeadLetters(queue: string, limit = 50): Promise<DeadLetter[]> {
    return this.transport.listDeadLetters(queue, limit);
  }

  replayDeadLetters(queue: string, messageIds?: string[]): Promise<number> {
    return this.transport.replayDeadLetters(queue, messageIds);
  }

  /** Stops every subscription, letting handlers in progress finish. */
  async stopConsuming(): Promise<void> {
    await Promise.all(this.subscriptions.splice(0).map((s) => s.handle.close()));
  }

  private async declare(exchange: ExchangeDef): Promise<void> {
    if (this.declared.has(exchange.name)) return;
    await this.transport.declareExchange(exchange);
    this.declared.add(exchange.name);
  }

  private async process(
    queue: string,
    spec: SubscriptionSpec,
    byType: Map<string, HandlerEntry>,
    policy: RetryPolicy,
    delays: number[],
    delivery: Delivery,
  ): Promise<Disposition> {
    const started = performance.now();
    const dead = (error: string, type: string): Disposition => {
      this.log.error({ queue, messageId: delivery.messageId, error }, 'message dead-lettered');
      this.metrics.consumed(queue, type, 'dead', (performance.now() - started) / 1000);
      return {
        kind: 'dead',
        failure: { error, attempts: delivery.attempt, failedAt: new Date().toISOString() },
      };
    };

    const parsed = parseEnvelope(delivery.body);
    if (!parsed.ok) return dead(`malformed message: ${parsed.error}`, 'unknown');
    const envelope = parsed.envelope;
    const entry = byType.get(envelope.type);
    if (!entry) return dead(`no handler for event type ${envelope.type} on ${queue}`, envelope.type);
    if (envelope.version !== entry.event.version) {
      return dead(
        `unsupported version ${envelope.version} of ${envelope.type} (expected ${entry.event.version})`,
        envelope.type,
      );
    }
    const payload = entry.event.schema.safeParse(envelope.payload);
    if (!payload.success) {
      const issues = payload.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      return dead(`invalid ${envelope.type} payload: ${issues}`, envelope.type);
    }

    try {
      const outcome = await withMessageSpan(
        `${queue} process`,
        'consumer',
        deliveryTraceParent(delivery.headers, envelope),
        {
          'messaging.system': this.transport.kind,
          'messaging.destination.name': queue,
          'messaging.message.id': envelope.id,
          'messaging.operation': 'process',
        },
        () => this.runHandler(queue, spec, entry, envelope, payload.data, delivery),
      );
      this.metrics.consumed(queue, envelope.type, outcome, (performance.now() - started) / 1000);
      return { kind: 'ack' };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof PermanentError || delivery.attempt >= policy.attempts) {
        return dead(message, envelope.type);
      }
      const delayMs = delays[delivery.attempt - 1] ?? policy.maxDelayMs;
      this.log.warn(
        {
          queue,
          messageId: envelope.id,
          type: envelope.type,
          attempt: delivery.attempt,
          delayMs,
          error: message,
        },
        'handler failed; will retry',
      );
      this.metrics.consumed(queue, envelope.type, 'retry', (performance.now() - started) / 1000);
      return { kind: 'retry', delayMs };
    }
  }

  private async runHandler(
    queue: string,
    spec: SubscriptionSpec,
    entry: HandlerEntry,
    envelope: Envelope,
    payload: unknown,
    delivery: Delivery,
  ): Promise<'ack' | 'duplicate'> {
    const db = this.db;
    const meta = { correlationId: envelope.correlationId, causationId: envelope.id };
    const base = {
      envelope,
      attempt: delivery.attempt,
      redelivered: delivery.redelivered,
      log: this.log,
      tx: <DB>(): Transaction<DB> => {
        throw new Error(`subscription ${spec.name} is not transactional: there is no transaction to use`);
      },
    };
    if (!db) {
      await entry.handle(payload, {
        ...base,
        trx: undefined,
        publish: async (event, p) => void (await this.publish(event, p, meta)),
      });
      return 'ack';
    }
    if (spec.transactional ?? true) {
      let enqueued = false;
      const handled = await db.transaction().execute(async (trx) => {
        const fresh = await markHandled(trx, queue, envelope.id);
        if (!fresh) return false;
        await entry.handle(payload, {
          ...base,
          trx,
          tx: <DB>() => trx as unknown as Transaction<DB>,
          publish: async (event, p) => {
            await this.outbox.enqueue(trx, event, p, meta);
            enqueued = true;
          },
        });
        return true;
      });
      if (enqueued) this.afterCommit();
      return handled ? 'ack' : 'duplicate';
    }
    const seen = await db
      .selectFrom('platform_inbox')
      .select('event_id')
      .where('subscription', '=', queue)
      .where('event_id', '=', envelope.id)
      .executeTakeFirst();
    if (seen) return 'duplicate';
    await entry.handle(payload, {
      ...base,
      trx: undefined,
      publish: async (event, p) => void (await this.publish(event, p, meta)),
    });
    await markHandled(db, queue, envelope.id);
    return 'ack';
  }
}

async function markHandled(
  db: Kysely<BusTables> | Transaction<BusTables>,
  subscription: string,
  eventId: string,
): Promise<boolean> {
  const row = await db
    .insertInto('platform_inbox')
    .values({ subscription, event_id: eventId })
    .onConflict((oc) => oc.doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return row !== undefined;
}

function singleExchange(spec: SubscriptionSpec): ExchangeDef {
  const first = spec.handlers[0]?.event.exchange;
  if (!first) throw new Error(`subscription ${spec.name} has no handlers`);
  for (const h of spec.handlers) {
    if (h.event.exchange.name !== first.name) {
      throw new Error(`subscription ${spec.name} mixes exchanges ${first.name} and ${h.event.exchange.name}`);
    }
  }
  return first;
}

function parseEnvelope(body: unknown): { ok: true; envelope: Envelope } | { ok: false; error: string } {
  let value: unknown = body;
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    try {
      value = JSON.parse(body.toString());
    } catch (err) {
      return { ok: false, error: `not JSON (${(err as Error).message})` };
    }
  }
  const problem = envelopeProblem(value);
  if (problem) return { ok: false, error: problem };
  return { ok: true, envelope: value as Envelope };
}
