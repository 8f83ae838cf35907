import type { Kysely, Transaction } from 'kysely';
import type { EventDef, ExchangeDef, PayloadOf } from './define';
import type { Envelope } from './envelope';
import {
  noMetrics,
  silentLogger,
  stampTraceContext,
  activeTraceHeaders,
  withMessageSpan,
  type BusMetrics,
  type LoggerLike,
} from './observe';
import { buildEnvelope, Outbox, type OutboxRelay, type PublishMeta } from './outbox';
import type { BusTables } from './sql';
import { Subscriber } from './subscriber';
import type { ConsumerHandle, DeadLetter, Transport } from './transport';

export { PermanentError } from './errors';

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
  /**
   * Runs `fn` once the handler's work is durable: after the transaction has committed in a
   * transactional subscription (never if it rolled back or the event was a duplicate), right
   * after the handler returned otherwise. For waking work that reads the rows just written,
   * instead of guessing the commit with a timer. A throwing `fn` is logged; the ack stands.
   */
  afterCommit(fn: () => void): void;
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
    const subscriber = new Subscriber(
      {
        queue,
        spec,
        policy,
        delays,
        transportKind: this.transport.kind,
        log: this.log,
        metrics: this.metrics,
        db: this.db,
      },
      {
        publish: (event, payload, meta) => this.publish(event, payload, meta),
        enqueue: (trx, event, payload, meta) => this.outbox.enqueue(trx, event, payload, meta),
        afterCommit: () => this.afterCommit(),
      },
    );
    const handle = await this.transport.consume(
      {
        queue,
        exchange,
        bindings: spec.bindings ?? [...new Set(spec.handlers.map((h) => h.event.bindingPattern))],
        prefetch: spec.prefetch ?? this.options.defaultPrefetch ?? 20,
        retryDelaysMs: [...new Set(delays)],
      },
      (delivery) => subscriber.deliver(delivery),
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
