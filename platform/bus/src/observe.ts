import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { Envelope } from './envelope';

/** The few logger methods the bus needs (pino satisfies it). */
export interface LoggerLike {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: LoggerLike = { debug() {}, info() {}, warn() {}, error() {} };

export type ConsumeOutcome = 'ack' | 'retry' | 'dead' | 'duplicate';

/** Counters the bus reports; the service runtime backs them with Prometheus. */
export interface BusMetrics {
  published(exchange: string, type: string): void;
  publishFailed(exchange: string, type: string): void;
  consumed(queue: string, type: string, outcome: ConsumeOutcome, seconds: number): void;
}

export const noMetrics: BusMetrics = { published() {}, publishFailed() {}, consumed() {} };

const tracer = () => trace.getTracer('switchyard.bus');

/** Writes the active trace context into an envelope, so it survives the outbox and the broker. */
export function stampTraceContext(envelope: Envelope, ctx: Context = context.active()): void {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  if (carrier.traceparent) envelope.traceparent = carrier.traceparent;
  if (carrier.tracestate) envelope.tracestate = carrier.tracestate;
}

/** W3C headers for the active context (inside a producer span: the span itself). */
export function activeTraceHeaders(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The trace parent of a delivery: the publishing span from the headers, else the envelope's. */
export function deliveryTraceParent(
  headers: Record<string, unknown>,
  envelope: Envelope,
): { traceparent?: string; tracestate?: string } {
  if (typeof headers.traceparent === 'string') {
    return {
      traceparent: headers.traceparent,
      ...(typeof headers.tracestate === 'string' ? { tracestate: headers.tracestate } : {}),
    };
  }
  return envelope;
}

/** Runs `fn` inside a span of the given kind whose parent is the envelope's trace context. */
export async function withMessageSpan<T>(
  name: string,
  kind: 'producer' | 'consumer',
  parent: { traceparent?: string; tracestate?: string } | undefined,
  attributes: Record<string, string | number>,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parentCtx = parent?.traceparent
    ? propagation.extract(context.active(), parent as Record<string, string>)
    : context.active();
  return tracer().startActiveSpan(
    name,
    { kind: kind === 'producer' ? SpanKind.PRODUCER : SpanKind.CONSUMER, attributes },
    parentCtx,
    async (span) => {
      try {
        return await fn(span);
      } catch (err) {
        span.recordException(err as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
