import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BusMetrics, ConsumeOutcome } from '@switchyard/bus';

/** One service's Prometheus registry with the platform's standard series. */
export class ServiceMetrics implements BusMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly busPublished: Counter<'exchange' | 'type'>;
  readonly busPublishFailures: Counter<'exchange' | 'type'>;
  readonly busConsumed: Counter<'queue' | 'type' | 'outcome'>;
  readonly busHandlerDuration: Histogram<'queue' | 'type'>;
  readonly queueDepth: Gauge<'queue'>;

  constructor(service: string, system: string | undefined, withProcessMetrics: boolean) {
    this.registry.setDefaultLabels(system ? { service, system } : { service });
    if (withProcessMetrics) collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'http_server_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.busPublished = new Counter({
      name: 'bus_messages_published_total',
      help: 'Events published (confirmed by the broker)',
      labelNames: ['exchange', 'type'],
      registers,
    });
    this.busPublishFailures = new Counter({
      name: 'bus_publish_failures_total',
      help: 'Publish attempts the broker did not confirm',
      labelNames: ['exchange', 'type'],
      registers,
    });
    this.busConsumed = new Counter({
      name: 'bus_messages_consumed_total',
      help: 'Deliveries by outcome: ack, retry, dead, duplicate',
      labelNames: ['queue', 'type', 'outcome'],
      registers,
    });
    this.busHandlerDuration = new Histogram({
      name: 'bus_handler_duration_seconds',
      help: 'Time spent handling one delivery',
      labelNames: ['queue', 'type'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers,
    });
    this.queueDepth = new Gauge({
      name: 'bus_queue_depth',
      help: 'Messages waiting in a subscription queue (sampled on scrape)',
      labelNames: ['queue'],
      registers,
    });
  }

  published(exchange: string, type: string): void {
    this.busPublished.inc({ exchange, type });
  }
  publishFailed(exchange: string, type: string): void {
    this.busPublishFailures.inc({ exchange, type });
  }
  consumed(queue: string, type: string, outcome: ConsumeOutcome, seconds: number): void {
    this.busConsumed.inc({ queue, type, outcome });
    this.busHandlerDuration.observe({ queue, type }, seconds);
  }
}
