import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** A finished span, kept in memory for the embedded trace view. */
export interface SpanSummary {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  service?: string;
  startMs: number;
  durationMs: number;
  status: 'ok' | 'error' | 'unset';
  attributes: Record<string, unknown>;
}

/** Keeps the last N finished spans, for looking at traces without a collector. */
class RecentSpans implements SpanProcessor {
  readonly spans: SpanSummary[] = [];
  constructor(private readonly capacity: number) {}
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    const ctx = span.spanContext();
    this.spans.push({
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      ...(span.parentSpanContext?.spanId ? { parentSpanId: span.parentSpanContext.spanId } : {}),
      name: span.name,
      kind: span.kind,
      service: span.attributes['switchyard.service'] as string | undefined,
      startMs: span.startTime[0] * 1000 + span.startTime[1] / 1e6,
      durationMs: span.duration[0] * 1000 + span.duration[1] / 1e6,
      status: span.status.code === 2 ? 'error' : span.status.code === 1 ? 'ok' : 'unset',
      attributes: { ...span.attributes },
    });
    if (this.spans.length > this.capacity) this.spans.splice(0, this.spans.length - this.capacity);
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

let provider: NodeTracerProvider | undefined;
let recent: RecentSpans | undefined;

/**
 * Installs the process's tracer provider once: W3C propagation, spans kept in memory, and
 * exported over OTLP/HTTP when an endpoint is configured.
 */
export function setupTracing(options: { serviceName: string; otlpEndpoint?: string }): void {
  if (provider) return;
  recent = new RecentSpans(5000);
  const processors: SpanProcessor[] = [recent];
  if (options.otlpEndpoint) {
    const url = options.otlpEndpoint.replace(/\/$/, '') + '/v1/traces';
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: processors,
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/** Spans of one trace, or the latest spans, from the in-memory buffer. */
export function recentSpans(traceId?: string, limit = 500): SpanSummary[] {
  const all = recent?.spans ?? [];
  const chosen = traceId ? all.filter((s) => s.traceId === traceId) : all;
  return chosen.slice(-limit);
}

export async function shutdownTracing(): Promise<void> {
  await provider?.shutdown().catch(() => undefined);
  provider = undefined;
}

export const tracer = () => trace.getTracer('switchyard');
