import type { SystemName } from '@switchyard/kit';

export interface MetricSpec {
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  labels: string[];
  help: string;
}

/** Series every service exposes (platform/kit/src/metrics.ts), plus prom-client's process metrics. */
export const PLATFORM_METRICS: readonly MetricSpec[] = [
  {
    name: 'http_server_request_duration_seconds',
    type: 'histogram',
    labels: ['method', 'route', 'status'],
    help: 'HTTP request duration by route',
  },
  {
    name: 'http_server_requests_total',
    type: 'counter',
    labels: ['method', 'route', 'status'],
    help: 'HTTP requests by route and status',
  },
  {
    name: 'bus_messages_published_total',
    type: 'counter',
    labels: ['exchange', 'type'],
    help: 'Events published (confirmed by the broker)',
  },
  {
    name: 'bus_publish_failures_total',
    type: 'counter',
    labels: ['exchange', 'type'],
    help: 'Publish attempts the broker did not confirm (the outbox relay retries them)',
  },
  {
    name: 'bus_messages_consumed_total',
    type: 'counter',
    labels: ['queue', 'type', 'outcome'],
    help: 'Deliveries by outcome: ack, retry, dead, duplicate',
  },
  {
    name: 'bus_handler_duration_seconds',
    type: 'histogram',
    labels: ['queue', 'type'],
    help: 'Time spent handling one delivery',
  },
  {
    name: 'bus_queue_depth',
    type: 'gauge',
    labels: ['queue'],
    help: 'Messages waiting in a subscription queue; `<queue>.dlq` is its dead-letter queue',
  },
  { name: 'process_cpu_seconds_total', type: 'counter', labels: [], help: 'CPU time of the process' },
  { name: 'process_resident_memory_bytes', type: 'gauge', labels: [], help: 'Resident memory' },
  { name: 'nodejs_eventloop_lag_p99_seconds', type: 'gauge', labels: [], help: 'Event loop lag, p99' },
  { name: 'nodejs_heap_size_used_bytes', type: 'gauge', labels: [], help: 'V8 heap in use' },
  { name: 'up', type: 'gauge', labels: [], help: 'Set by Prometheus: 1 when the last scrape succeeded' },
];

/** Domain series of the platform services themselves (services/identity). Sign-ins of every system go through identity. */
export const PLATFORM_SERVICE_METRICS: readonly MetricSpec[] = [
  {
    name: 'identity_logins_total',
    type: 'counter',
    labels: ['outcome'],
    help: 'Sign-in attempts by outcome: ok, wrong, locked, banned, ip_limited',
  },
  {
    name: 'identity_refreshes_total',
    type: 'counter',
    labels: ['outcome'],
    help: 'Refresh attempts by outcome: rotate, unknown, expired, revoked, reuse, banned',
  },
  {
    name: 'identity_codes_total',
    type: 'counter',
    labels: ['purpose', 'outcome'],
    help: 'One-time codes by purpose and outcome: sent, ok, wrong, expired, exhausted, missing',
  },
  { name: 'identity_registrations_total', type: 'counter', labels: [], help: 'Accounts created' },
];

/**
 * The contract for the systems' domain metrics: the dashboards and alerts query these names,
 * so each system's services register them (`new Counter({ registers: [ctx.metrics.registry], ... })`).
 * Counters end in `_total`; gauges do not (Prometheus naming), histograms end in `_seconds`.
 */
export const DOMAIN_METRICS: Record<SystemName, readonly MetricSpec[]> = {
  coolthing: [
    {
      name: 'coolthing_leads_found_total',
      type: 'counter',
      labels: ['campaign'],
      help: 'Leads the parser matched (after dedup)',
    },
    {
      name: 'coolthing_leads_contacted_total',
      type: 'counter',
      labels: ['campaign'],
      help: 'First private messages delivered to leads',
    },
    {
      name: 'coolthing_lead_replies_total',
      type: 'counter',
      labels: ['campaign'],
      help: 'Leads who replied (reply rate = replies / contacted)',
    },
    {
      name: 'coolthing_script_lines_sent_total',
      type: 'counter',
      labels: ['campaign'],
      help: 'Script lines posted in chats',
    },
    {
      name: 'coolthing_chats_skipped_total',
      type: 'counter',
      labels: ['reason'],
      help: 'Chats a script run skipped, by reason (write_forbidden, slow_mode, ...)',
    },
    {
      name: 'coolthing_accounts_banned_total',
      type: 'counter',
      labels: [],
      help: 'Telegram accounts marked banned (alert: more than 3 per hour)',
    },
    {
      name: 'coolthing_flood_waits_total',
      type: 'counter',
      labels: [],
      help: 'FloodWait errors Telegram answered',
    },
    {
      name: 'coolthing_opt_outs_total',
      type: 'counter',
      labels: [],
      help: 'Leads who opted out (added to the suppression list)',
    },
  ],
  cinema: [
    {
      name: 'cinema_films_searches_total',
      type: 'counter',
      labels: ['kind', 'mode'],
      help: 'Film searches by kind (search, smart) and the mode that answered (fulltext, semantic)',
    },
    {
      name: 'cinema_films_ratings_total',
      type: 'counter',
      labels: ['action'],
      help: 'Ratings set and removed',
    },
    {
      name: 'cinema_films_comments_total',
      type: 'counter',
      labels: ['action'],
      help: 'Comments posted, edited, deleted, hidden and restored',
    },
    {
      name: 'cinema_films_embedded_films',
      type: 'gauge',
      labels: [],
      help: 'Films with an up-to-date vector for the configured embedding model',
    },
  ],
  shop: [
    { name: 'shop_orders_placed_total', type: 'counter', labels: [], help: 'Orders created' },
    {
      name: 'shop_payments_total',
      type: 'counter',
      labels: ['outcome'],
      help: 'Payment attempts by outcome: success, declined, insufficient_funds, timeout',
    },
    { name: 'shop_carts_active', type: 'gauge', labels: [], help: 'Carts with items, not expired' },
    {
      name: 'shop_notifications_total',
      type: 'counter',
      labels: ['type', 'outcome'],
      help: 'Notifications by type (email, sms) and outcome (sent, failed)',
    },
    {
      name: 'shop_search_duration_seconds',
      type: 'histogram',
      labels: [],
      help: 'Catalog full-text search time',
    },
  ],
  fitness: [
    { name: 'fitness_workouts_logged_total', type: 'counter', labels: [], help: 'Workouts logged' },
    {
      name: 'fitness_ai_generations_total',
      type: 'counter',
      labels: ['outcome'],
      help: 'AI workout generations by outcome: success, failure',
    },
  ],
};

/** Every series name a dashboard or alert may query (histograms with their suffixes). */
export function knownSeries(): Set<string> {
  const all = [...PLATFORM_METRICS, ...PLATFORM_SERVICE_METRICS, ...Object.values(DOMAIN_METRICS).flat()];
  const names = new Set<string>();
  for (const m of all) {
    names.add(m.name);
    if (m.type === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(m.name + suffix);
  }
  return names;
}
