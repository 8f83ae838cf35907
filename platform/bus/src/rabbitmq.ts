import {
  Connection,
  ConsumerStatus,
  type AsyncMessage,
  type Consumer,
  type Publisher,
} from 'rabbitmq-client';
import type { ExchangeDef } from './define';
import { replayHeaders } from './memory';
import {
  dlqName,
  failureFromHeaders,
  HEADER_ATTEMPT,
  HEADER_ERROR,
  HEADER_FAILED_AT,
  HEADER_ORIGINAL_EXCHANGE,
  HEADER_ORIGINAL_ROUTING_KEY,
  retryQueueName,
  type ConsumerHandle,
  type DeadLetter,
  type Delivery,
  type Disposition,
  type OutgoingMessage,
  type QueueSpec,
  type Transport,
} from './transport';

export interface RabbitTransportOptions {
  url: string;
  /** Shown in the RabbitMQ management UI. */
  connectionName?: string;
  onError?: (error: unknown) => void;
}

type Declaration = () => Promise<unknown>;

/**
 * RabbitMQ through rabbitmq-client: one connection per service instance, one confirming
 * publisher channel, one channel per consumer. The client reconnects by itself; consumers
 * redeclare their queue and bindings, and the rest of the topology is redeclared here.
 */
export class RabbitTransport implements Transport {
  readonly kind = 'rabbitmq' as const;
  private readonly connection: Connection;
  private readonly publisher: Publisher;
  private readonly consumers = new Set<Consumer>();
  private readonly declarations = new Map<string, Declaration>();
  private connectedOnce = false;
  private destroyed = false;

  constructor(private readonly options: RabbitTransportOptions) {
    this.connection = new Connection({
      url: options.url,
      connectionName: options.connectionName,
      retryLow: 200,
      retryHigh: 3000,
      acquireTimeout: 20_000,
    });
    this.connection.on('error', (err) => options.onError?.(err));
    this.connection.on('connection', () => {
      if (this.connectedOnce) void this.redeclare();
      this.connectedOnce = true;
    });
    this.publisher = this.connection.createPublisher({ confirm: true, maxAttempts: 2 });
  }

  /** Waits until the first connection is made (or throws after the timeout). */
  async connect(timeoutMs = 10_000): Promise<void> {
    await this.connection.onConnect(timeoutMs, true);
  }

  async declareExchange(exchange: ExchangeDef): Promise<void> {
    await this.declare(`exchange:${exchange.name}`, async () => {
      await this.connection.exchangeDeclare({ exchange: exchange.name, type: 'topic', durable: true });
      await this.connection.exchangeDeclare({
        exchange: exchange.deadLetterExchange,
        type: 'direct',
        durable: true,
      });
    });
  }

  async ensureExchange(name: string): Promise<void> {
    await this.declare(`topic:${name}`, () =>
      this.connection.exchangeDeclare({ exchange: name, type: 'topic', durable: true }),
    );
  }

  async publish(message: OutgoingMessage): Promise<void> {
    const envelope = {
      exchange: message.exchange,
      routingKey: message.routingKey,
      messageId: message.messageId,
      durable: true,
      contentType: 'application/json',
      headers: message.headers,
    };
    try {
      await this.publisher.send(envelope, message.body);
    } catch (err) {
      // A broker that lost its definitions (a fresh node) refuses unknown exchanges: declare and retry once.
      if ((err as { code?: string }).code !== 'NOT_FOUND') throw err;
      await this.redeclare();
      await this.publisher.send(envelope, message.body);
    }
  }

  async consume(
    spec: QueueSpec,
    handler: (delivery: Delivery) => Promise<Disposition>,
  ): Promise<ConsumerHandle> {
    const { queue, exchange } = spec;
    await this.declareExchange(exchange);
    await this.declare(`side-queues:${queue}`, async () => {
      for (const delay of spec.retryDelaysMs) {
        await this.connection.queueDeclare({
          queue: retryQueueName(queue, delay),
          durable: true,
          arguments: {
            'x-message-ttl': delay,
            'x-dead-letter-exchange': '',
            'x-dead-letter-routing-key': queue,
          },
        });
      }
      await this.connection.queueDeclare({
        queue: dlqName(queue),
        durable: true,
        arguments:
          exchange.deadLetterTtlMs === undefined ? {} : { 'x-message-ttl': exchange.deadLetterTtlMs },
      });
      await this.connection.queueBind({
        queue: dlqName(queue),
        exchange: exchange.deadLetterExchange,
        routingKey: queue,
      });
    });

    const consumer = this.connection.createConsumer(
      {
        queue,
        queueOptions: {
          durable: true,
          // Anything the broker itself rejects lands in the same dead-letter queue.
          arguments: {
            'x-dead-letter-exchange': exchange.deadLetterExchange,
            'x-dead-letter-routing-key': queue,
          },
        },
        qos: { prefetchCount: spec.prefetch },
        concurrency: spec.prefetch,
        requeue: true,
        queueBindings: spec.bindings.map((routingKey) => ({ queue, exchange: exchange.name, routingKey })),
      },
      async (msg: AsyncMessage) => {
        const delivery = toDelivery(msg);
        const disposition = await handler(delivery);
        if (disposition.kind === 'retry') {
          await this.publisher.send(
            {
              exchange: '',
              routingKey: retryQueueName(queue, disposition.delayMs),
              messageId: delivery.messageId,
              durable: true,
              contentType: 'application/json',
              headers: { ...stringHeaders(msg.headers), [HEADER_ATTEMPT]: delivery.attempt + 1 },
            },
            rawBody(msg.body),
          );
        } else if (disposition.kind === 'dead') {
          await this.publisher.send(
            {
              exchange: exchange.deadLetterExchange,
              routingKey: queue,
              messageId: delivery.messageId,
              durable: true,
              contentType: 'application/json',
              headers: {
                ...stringHeaders(msg.headers),
                [HEADER_ERROR]: disposition.failure.error.slice(0, 4000),
                [HEADER_FAILED_AT]: disposition.failure.failedAt,
                [HEADER_ATTEMPT]: disposition.failure.attempts,
                [HEADER_ORIGINAL_EXCHANGE]: delivery.exchange,
                [HEADER_ORIGINAL_ROUTING_KEY]: delivery.routingKey,
              },
            },
            rawBody(msg.body),
          );
        }
        return ConsumerStatus.ACK;
      },
    );
    consumer.on('error', (err) => this.options.onError?.(err));
    await new Promise<void>((resolve) => consumer.once('ready', () => resolve()));
    this.consumers.add(consumer);
    return {
      close: async () => {
        this.consumers.delete(consumer);
        await consumer.close();
      },
    };
  }

  async listDeadLetters(queue: string, limit: number): Promise<DeadLetter[]> {
    const out: DeadLetter[] = [];
    // Messages taken with basic.get and never acknowledged go back when the channel closes.
    const ch = await this.connection.acquire();
    try {
      while (out.length < limit) {
        const msg = await ch.basicGet({ queue: dlqName(queue), noAck: false });
        if (!msg) break;
        const headers = msg.headers ?? {};
        out.push({
          messageId: msg.messageId ?? '',
          queue,
          exchange: String(headers[HEADER_ORIGINAL_EXCHANGE] ?? msg.exchange),
          routingKey: String(headers[HEADER_ORIGINAL_ROUTING_KEY] ?? msg.routingKey),
          headers,
          body: rawBody(msg.body).toString('utf8'),
          failure: failureFromHeaders(headers),
        });
      }
    } finally {
      await ch.close();
    }
    return out;
  }

  async replayDeadLetters(queue: string, messageIds?: string[]): Promise<number> {
    const wanted = messageIds ? new Set(messageIds) : undefined;
    const ch = await this.connection.acquire();
    let replayed = 0;
    try {
      for (;;) {
        const msg = await ch.basicGet({ queue: dlqName(queue), noAck: false });
        if (!msg) break;
        if (wanted && !wanted.has(msg.messageId ?? '')) continue;
        await this.publisher.send(
          {
            exchange: '',
            routingKey: queue,
            messageId: msg.messageId,
            durable: true,
            contentType: 'application/json',
            headers: replayHeaders(msg.headers ?? {}),
          },
          rawBody(msg.body),
        );
        ch.basicAck({ deliveryTag: msg.deliveryTag });
        replayed++;
        if (wanted && replayed === wanted.size) break;
      }
    } finally {
      await ch.close();
    }
    return replayed;
  }

  async queueDepth(queue: string): Promise<number> {
    const ok = await this.connection.queueDeclare({ queue, passive: true });
    return ok.messageCount;
  }

  isConnected(): boolean {
    return this.connection.ready;
  }

  /** Closes consumers (waiting up to `graceMs` for handlers in hand), then the connection. */
  async close(graceMs = 5000): Promise<void> {
    if (this.destroyed) return;
    const settled = Promise.all([...this.consumers].map((c) => c.close()));
    const timedOut = await Promise.race([
      settled.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), graceMs).unref()),
    ]);
    this.consumers.clear();
    if (timedOut) return this.destroy();
    await this.publisher.close();
    await this.connection.close();
  }

  destroy(): void {
    this.destroyed = true;
    this.connection.unsafeDestroy();
  }

  private async declare(key: string, run: Declaration): Promise<void> {
    if (this.declarations.has(key)) return;
    await run();
    this.declarations.set(key, run);
  }

  private async redeclare(): Promise<void> {
    for (const run of this.declarations.values()) {
      try {
        await run();
      } catch (err) {
        this.options.onError?.(err);
      }
    }
  }
}

function toDelivery(msg: AsyncMessage): Delivery {
  const headers = msg.headers ?? {};
  return {
    messageId: msg.messageId ?? '',
    body: msg.body,
    headers,
    exchange: msg.exchange,
    routingKey: msg.routingKey,
    redelivered: msg.redelivered,
    attempt: Number(headers[HEADER_ATTEMPT] ?? 1),
  };
}

/** The client parses JSON bodies; retries and dead letters must carry the original bytes. */
function rawBody(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function stringHeaders(headers: Record<string, unknown> | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return out;
}
