import { topicMatches, type ExchangeDef } from './define';
import { Fifo } from './fifo';
import {
  dlqName,
  failureFromHeaders,
  HEADER_ATTEMPT,
  HEADER_ERROR,
  HEADER_FAILED_AT,
  HEADER_ORIGINAL_EXCHANGE,
  HEADER_ORIGINAL_ROUTING_KEY,
  type ConsumerHandle,
  type DeadLetter,
  type Delivery,
  type Disposition,
  type OutgoingMessage,
  type QueueSpec,
  type Transport,
} from './transport';

interface StoredMessage {
  messageId: string;
  body: Buffer;
  headers: Record<string, string | number>;
  exchange: string;
  routingKey: string;
  redelivered: boolean;
  enqueuedAt: number;
}

interface MemConsumer {
  connection: MemoryTransport;
  prefetch: number;
  inFlight: Set<StoredMessage>;
  handler: (delivery: Delivery) => Promise<Disposition>;
  closed: boolean;
  settled: () => void;
}

class MemQueue {
  readonly ready = new Fifo<StoredMessage>();
  readonly consumers: MemConsumer[] = [];
  next = 0;
  constructor(
    readonly name: string,
    readonly ttlMs?: number,
  ) {}
}

/**
 * The in-process broker of embedded mode. It keeps RabbitMQ's delivery semantics: topic
 * routing, durable queues shared round-robin by competing consumers, prefetch, manual ack,
 * redelivery of unacknowledged messages when a connection dies, delayed retries and
 * dead-letter queues. Each service opens its own connection with `connect()`.
 */
export class MemoryBroker {
  private readonly exchanges = new Map<string, { pattern: string; queue: string }[]>();
  private readonly queues = new Map<string, MemQueue>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private scheduled = new Set<MemQueue>();
  private closed = false;

  /** Opens a connection, the equivalent of one AMQP connection. */
  connect(): MemoryTransport {
    return new MemoryTransport(this);
  }

  /** Cancels pending retry timers; used when the whole process stops. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  declareExchange(name: string): void {
    if (!this.exchanges.has(name)) this.exchanges.set(name, []);
  }

  declareQueue(name: string, ttlMs?: number): MemQueue {
    let q = this.queues.get(name);
    if (!q) {
      q = new MemQueue(name, ttlMs);
      this.queues.set(name, q);
    }
    return q;
  }

  bind(exchange: string, pattern: string, queue: string): void {
    const bindings = this.exchanges.get(exchange);
    if (!bindings) throw new Error(`exchange ${exchange} is not declared`);
    if (!bindings.some((b) => b.pattern === pattern && b.queue === queue)) bindings.push({ pattern, queue });
  }

  route(message: OutgoingMessage): void {
    const bindings = this.exchanges.get(message.exchange);
    if (!bindings) throw new Error(`NOT_FOUND - no exchange '${message.exchange}'`);
    const targets = new Set<string>();
    for (const b of bindings) if (topicMatches(b.pattern, message.routingKey)) targets.add(b.queue);
    for (const name of targets) this.enqueue(name, message);
  }

  enqueue(queueName: string, message: OutgoingMessage, redelivered = false): void {
    const q = this.queues.get(queueName);
    if (!q) return;
    q.ready.push({
      messageId: message.messageId,
      body: message.body,
      headers: { ...message.headers },
      exchange: message.exchange,
      routingKey: message.routingKey,
      redelivered,
      enqueuedAt: Date.now(),
    });
    this.schedule(q);
  }

  queue(name: string): MemQueue | undefined {
    return this.queues.get(name);
  }

  later(ms: number, fn: () => void): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  schedule(q: MemQueue): void {
    if (this.scheduled.has(q)) return;
    this.scheduled.add(q);
    // Delivery is always asynchronous, so a publisher never runs a consumer on its own stack.
    setImmediate(() => {
      this.scheduled.delete(q);
      this.drain(q);
    });
  }

  private drain(q: MemQueue): void {
    while (q.ready.length > 0) {
      const consumer = this.pickConsumer(q);
      if (!consumer) return;
      const message = q.ready.shift()!;
      this.dispatch(q, consumer, message);
    }
  }

  private pickConsumer(q: MemQueue): MemConsumer | undefined {
    const n = q.consumers.length;
    for (let i = 0; i < n; i++) {
      const c = q.consumers[(q.next + i) % n]!;
      if (!c.closed && c.inFlight.size < c.prefetch) {
        q.next = (q.next + i + 1) % n;
        return c;
      }
    }
    return undefined;
  }

  private dispatch(q: MemQueue, consumer: MemConsumer, message: StoredMessage): void {
    consumer.inFlight.add(message);
    const delivery: Delivery = {
      messageId: message.messageId,
      body: message.body,
      headers: message.headers,
      exchange: message.exchange,
      routingKey: message.routingKey,
      redelivered: message.redelivered,
      attempt: Number(message.headers[HEADER_ATTEMPT] ?? 1),
    };
    consumer
      .handler(delivery)
      .catch((): Disposition | null => null)
      .then((disposition) => {
        // A destroyed connection already gave the message back to the queue.
        if (!consumer.inFlight.delete(message)) return;
        if (disposition === null) this.requeue(q, message);
        else this.settle(q, message, disposition);
        if (consumer.inFlight.size === 0) consumer.settled();
        this.schedule(q);
      });
  }

  private requeue(q: MemQueue, message: StoredMessage): void {
    q.ready.unshift({ ...message, redelivered: true });
  }

  private settle(q: MemQueue, message: StoredMessage, disposition: Disposition): void {
    if (disposition.kind === 'ack') return;
    if (disposition.kind === 'retry') {
      const attempt = Number(message.headers[HEADER_ATTEMPT] ?? 1) + 1;
      this.later(disposition.delayMs, () =>
        this.enqueue(q.name, { ...message, headers: { ...message.headers, [HEADER_ATTEMPT]: attempt } }),
      );
      return;
    }
    const dlq = this.queues.get(dlqName(q.name));
    dlq?.ready.push({
      ...message,
      headers: {
        ...message.headers,
        [HEADER_ERROR]: disposition.failure.error,
        [HEADER_FAILED_AT]: disposition.failure.failedAt,
        [HEADER_ATTEMPT]: disposition.failure.attempts,
        [HEADER_ORIGINAL_EXCHANGE]: message.exchange,
        [HEADER_ORIGINAL_ROUTING_KEY]: message.routingKey,
      },
      redelivered: false,
      enqueuedAt: Date.now(),
    });
  }

  addConsumer(q: MemQueue, consumer: MemConsumer): void {
    q.consumers.push(consumer);
    this.schedule(q);
  }

  removeConsumer(consumer: MemConsumer, requeueInFlight: boolean): void {
    consumer.closed = true;
    for (const q of this.queues.values()) {
      const i = q.consumers.indexOf(consumer);
      if (i < 0) continue;
      q.consumers.splice(i, 1);
      if (requeueInFlight) {
        for (const m of [...consumer.inFlight].reverse()) this.requeue(q, m);
        consumer.inFlight.clear();
        consumer.settled();
      }
      this.schedule(q);
    }
  }

  /** Dead letters still within their time to live, oldest first. */
  liveDeadLetters(queue: string): StoredMessage[] {
    const dlq = this.queues.get(dlqName(queue));
    if (!dlq) return [];
    if (dlq.ttlMs !== undefined) {
      const cutoff = Date.now() - dlq.ttlMs;
      dlq.ready.extract((m) => m.enqueuedAt < cutoff);
    }
    return dlq.ready.toArray();
  }
}

/** One service's connection to the in-process broker. */
export class MemoryTransport implements Transport {
  readonly kind = 'memory' as const;
  private readonly consumers = new Set<MemConsumer>();
  private open = true;

  constructor(private readonly broker: MemoryBroker) {}

  async declareExchange(exchange: ExchangeDef): Promise<void> {
    this.broker.declareExchange(exchange.name);
    this.broker.declareExchange(exchange.deadLetterExchange);
  }

  async ensureExchange(name: string): Promise<void> {
    this.broker.declareExchange(name);
  }

  async publish(message: OutgoingMessage): Promise<void> {
    this.assertOpen();
    this.broker.route(message);
  }

  async consume(
    spec: QueueSpec,
    handler: (delivery: Delivery) => Promise<Disposition>,
  ): Promise<ConsumerHandle> {
    this.assertOpen();
    await this.declareExchange(spec.exchange);
    const q = this.broker.declareQueue(spec.queue);
    this.broker.declareQueue(dlqName(spec.queue), spec.exchange.deadLetterTtlMs);
    for (const pattern of spec.bindings) this.broker.bind(spec.exchange.name, pattern, spec.queue);
    let settled: () => void = () => {};
    const consumer: MemConsumer = {
      connection: this,
      prefetch: Math.max(1, spec.prefetch),
      inFlight: new Set(),
      handler,
      closed: false,
      settled: () => settled(),
    };
    this.consumers.add(consumer);
    this.broker.addConsumer(q, consumer);
    return {
      close: async () => {
        if (consumer.closed) return;
        const idle = new Promise<void>((resolve) => {
          settled = resolve;
          if (consumer.inFlight.size === 0) resolve();
        });
        consumer.closed = true;
        await idle;
        this.broker.removeConsumer(consumer, false);
        this.consumers.delete(consumer);
      },
    };
  }

  async listDeadLetters(queue: string, limit: number): Promise<DeadLetter[]> {
    return this.broker
      .liveDeadLetters(queue)
      .slice(0, limit)
      .map((m) => ({
        messageId: m.messageId,
        queue,
        exchange: String(m.headers[HEADER_ORIGINAL_EXCHANGE] ?? m.exchange),
        routingKey: String(m.headers[HEADER_ORIGINAL_ROUTING_KEY] ?? m.routingKey),
        headers: { ...m.headers },
        body: m.body.toString('utf8'),
        failure: failureFromHeaders(m.headers),
      }));
  }

  async replayDeadLetters(queue: string, messageIds?: string[]): Promise<number> {
    this.broker.liveDeadLetters(queue);
    const dlq = this.broker.queue(dlqName(queue));
    if (!dlq) return 0;
    const wanted = messageIds ? new Set(messageIds) : undefined;
    const taken = dlq.ready.extract((m) => !wanted || wanted.has(m.messageId));
    for (const m of taken) this.broker.enqueue(queue, { ...m, headers: replayHeaders(m.headers) });
    return taken.length;
  }

  async queueDepth(queue: string): Promise<number> {
    return this.broker.queue(queue)?.ready.length ?? 0;
  }

  isConnected(): boolean {
    return this.open;
  }

  async close(): Promise<void> {
    this.open = false;
    for (const c of this.consumers) this.broker.removeConsumer(c, true);
    this.consumers.clear();
  }

  destroy(): void {
    this.open = false;
    for (const c of this.consumers) this.broker.removeConsumer(c, true);
    this.consumers.clear();
  }

  private assertOpen(): void {
    if (!this.open) throw new Error('connection is closed');
  }
}

/** Headers of a replayed dead letter: a fresh first attempt, without the failure details. */
export function replayHeaders(headers: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(headers)) {
    if ([HEADER_ERROR, HEADER_FAILED_AT, HEADER_ATTEMPT].includes(k)) continue;
    if (k.startsWith('x-death') || k.startsWith('x-first-death') || k.startsWith('x-last-death')) continue;
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  out[HEADER_ATTEMPT] = 1;
  return out;
}
