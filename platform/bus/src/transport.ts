import type { ExchangeDef } from './define';

/** A message as the transport publishes it: already serialised. */
export interface OutgoingMessage {
  exchange: string;
  routingKey: string;
  messageId: string;
  body: Buffer;
  headers: Record<string, string | number>;
}

/** What a subscription needs declared: its queue, bindings, retry delay levels and dead-letter queue. */
export interface QueueSpec {
  queue: string;
  exchange: ExchangeDef;
  bindings: string[];
  prefetch: number;
  /** Distinct retry delays in ms; the transport prepares one delay stage per value. */
  retryDelaysMs: number[];
}

export interface Delivery {
  messageId: string;
  /** Raw body, or the parsed JSON when the client already parsed it. */
  body: Buffer | unknown;
  headers: Record<string, unknown>;
  exchange: string;
  routingKey: string;
  redelivered: boolean;
  /** 1 for the first attempt, counted across retries. */
  attempt: number;
}

export interface FailureInfo {
  error: string;
  attempts: number;
  failedAt: string;
}

export type Disposition =
  { kind: 'ack' } | { kind: 'retry'; delayMs: number } | { kind: 'dead'; failure: FailureInfo };

export interface DeadLetter {
  messageId: string;
  queue: string;
  exchange: string;
  routingKey: string;
  headers: Record<string, unknown>;
  body: string;
  failure: FailureInfo;
}

export interface ConsumerHandle {
  /** Stops taking messages and waits for the ones in hand to settle. */
  close(): Promise<void>;
}

/** The broker seen from one service: the in-process broker or RabbitMQ, same semantics. */
export interface Transport {
  readonly kind: 'memory' | 'rabbitmq';
  declareExchange(exchange: ExchangeDef): Promise<void>;
  /** Declares just the topic exchange by name (what a publisher needs; consumers declare the rest). */
  ensureExchange(name: string): Promise<void>;
  /** Resolves once the broker has taken responsibility for the message (publisher confirm). */
  publish(message: OutgoingMessage): Promise<void>;
  consume(spec: QueueSpec, handler: (delivery: Delivery) => Promise<Disposition>): Promise<ConsumerHandle>;
  listDeadLetters(queue: string, limit: number): Promise<DeadLetter[]>;
  /** Moves dead letters (all, or those with the given message ids) back onto their queue. */
  replayDeadLetters(queue: string, messageIds?: string[]): Promise<number>;
  /** Messages waiting in a queue (ready, not in flight). */
  queueDepth(queue: string): Promise<number>;
  isConnected(): boolean;
  close(): Promise<void>;
  /** Drops the connection without settling anything in hand, as a crash would. */
  destroy(): void;
}

export const HEADER_ATTEMPT = 'x-attempt';
export const HEADER_ERROR = 'x-error';
export const HEADER_FAILED_AT = 'x-failed-at';
export const HEADER_ORIGINAL_EXCHANGE = 'x-original-exchange';
export const HEADER_ORIGINAL_ROUTING_KEY = 'x-original-routing-key';

export const dlqName = (queue: string): string => `${queue}.dlq`;
export const retryQueueName = (queue: string, delayMs: number): string => `${queue}.retry.${delayMs}`;

export function failureFromHeaders(headers: Record<string, unknown>): FailureInfo {
  return {
    error: String(headers[HEADER_ERROR] ?? 'rejected by the broker'),
    attempts: Number(headers[HEADER_ATTEMPT] ?? 1),
    failedAt: String(headers[HEADER_FAILED_AT] ?? ''),
  };
}
