import type { SystemName } from '@switchyard/kit';
import { KPIS, TITLES } from './grafana-kpis';
import { Board, labelVariable } from './grafana-panels';
import { DOMAIN_METRICS, PLATFORM_METRICS, PLATFORM_SERVICE_METRICS, type MetricSpec } from './metrics';
import { yamlFile } from './yaml';

const RATE = '$__rate_interval';
const SEL = 'system=~"$system", service=~"$service"';

const systemVariable = (metric: string) => labelVariable('system', `label_values(${metric}, system)`);
const serviceVariable = (metric: string) =>
  labelVariable('service', `label_values(${metric}{system=~"$system"}, service)`);

/** Rate, errors and duration of one service (pick it in the `service` variable; "All" repeats the row). */
function redDashboard() {
  const q = (expr: string, legend: string) => ({ expr, legend });
  const board = new Board()
    .row('$service', 'service')
    .timeseries(
      'Requests per second by route',
      [q(`sum by (route) (rate(http_server_requests_total{${SEL}}[${RATE}]))`, '{{route}}')],
      { unit: 'reqps', width: 8 },
    )
    .timeseries(
      'Errors: 5xx share of requests',
      [
        q(
          `sum(rate(http_server_requests_total{${SEL}, status=~"5.."}[${RATE}])) / sum(rate(http_server_requests_total{${SEL}}[${RATE}]))`,
          '5xx',
        ),
        q(
          `sum(rate(http_server_requests_total{${SEL}, status=~"4.."}[${RATE}])) / sum(rate(http_server_requests_total{${SEL}}[${RATE}]))`,
          '4xx',
        ),
      ],
      { unit: 'percentunit', width: 8 },
    )
    .timeseries(
      'Duration p50 / p95 / p99',
      [0.5, 0.95, 0.99].map((p) =>
        q(
          `histogram_quantile(${p}, sum by (le) (rate(http_server_request_duration_seconds_bucket{${SEL}}[${RATE}])))`,
          `p${Math.round(p * 100)}`,
        ),
      ),
      { unit: 's', width: 8 },
    )
    .timeseries(
      'p95 by route',
      [
        q(
          `histogram_quantile(0.95, sum by (le, route) (rate(http_server_request_duration_seconds_bucket{${SEL}}[${RATE}])))`,
          '{{route}}',
        ),
      ],
      { unit: 's', width: 8 },
    )
    .timeseries(
      'Responses by status',
      [q(`sum by (status) (rate(http_server_requests_total{${SEL}}[${RATE}]))`, '{{status}}')],
      { unit: 'reqps', stack: true, width: 8 },
    )
    .timeseries('Instances up', [q(`sum(up{${SEL}})`, 'up'), q(`count(up{${SEL}})`, 'scraped')], { width: 8 })
    .timeseries('CPU per instance', [q(`rate(process_cpu_seconds_total{${SEL}}[${RATE}])`, '{{instance}}')], {
      unit: 'percentunit',
      width: 8,
    })
    .timeseries(
      'Resident memory per instance',
      [q(`process_resident_memory_bytes{${SEL}}`, '{{instance}}')],
      { unit: 'bytes', width: 8 },
    )
    .timeseries('Event loop lag p99', [q(`nodejs_eventloop_lag_p99_seconds{${SEL}}`, '{{instance}}')], {
      unit: 's',
      width: 8,
    });
  return board.build({
    uid: 'switchyard-red',
    title: 'Switchyard / Service RED',
    tags: ['red'],
    description: 'Rate, errors and duration per service, from the platform metrics every service exposes.',
    variables: [systemVariable('http_server_requests_total'), serviceVariable('http_server_requests_total')],
  });
}

/** Publish and consume rates, outcomes, handler time, queue depth and dead letters. */
function busDashboard() {
  const q = (expr: string, legend: string) => ({ expr, legend });
  const board = new Board()
    .stat('Dead letters waiting', q(`sum(bus_queue_depth{${SEL}, queue=~".*\\\\.dlq"})`, 'dead letters'))
    .stat(
      'Dead-lettered / min',
      q(`sum(rate(bus_messages_consumed_total{${SEL}, outcome="dead"}[${RATE}])) * 60`, 'dead/min'),
    )
    .stat(
      'Publish failures / min',
      q(`sum(rate(bus_publish_failures_total{${SEL}}[${RATE}])) * 60`, 'failures/min'),
    )
    .stat('Messages waiting', q(`sum(bus_queue_depth{${SEL}, queue!~".*\\\\.dlq"})`, 'waiting'))
    .row('Publishing')
    .timeseries(
      'Published per second by exchange',
      [q(`sum by (exchange) (rate(bus_messages_published_total{${SEL}}[${RATE}]))`, '{{exchange}}')],
      { unit: 'ops' },
    )
    .timeseries(
      'Publish failures per second (outbox relay retries these)',
      [
        q(
          `sum by (service, exchange) (rate(bus_publish_failures_total{${SEL}}[${RATE}]))`,
          '{{service}} {{exchange}}',
        ),
      ],
      { unit: 'ops' },
    )
    .row('Consuming')
    .timeseries(
      'Consumed per second by queue',
      [q(`sum by (queue) (rate(bus_messages_consumed_total{${SEL}}[${RATE}]))`, '{{queue}}')],
      { unit: 'ops' },
    )
    .timeseries(
      'Outcomes (ack, retry, dead, duplicate)',
      [q(`sum by (outcome) (rate(bus_messages_consumed_total{${SEL}}[${RATE}]))`, '{{outcome}}')],
      { unit: 'ops', stack: true },
    )
    .timeseries(
      'Handler duration p95 by queue',
      [
        q(
          `histogram_quantile(0.95, sum by (le, queue) (rate(bus_handler_duration_seconds_bucket{${SEL}}[${RATE}])))`,
          '{{queue}}',
        ),
      ],
      { unit: 's' },
    )
    .timeseries(
      'Retries and dead letters by queue',
      [
        q(
          `sum by (queue, outcome) (rate(bus_messages_consumed_total{${SEL}, outcome=~"retry|dead"}[${RATE}]))`,
          '{{queue}} {{outcome}}',
        ),
      ],
      { unit: 'ops' },
    )
    .row('Queues')
    .timeseries(
      'Queue depth',
      [q(`max by (queue) (bus_queue_depth{${SEL}, queue!~".*\\\\.dlq"})`, '{{queue}}')],
      { unit: 'short' },
    )
    .timeseries(
      'Dead-letter queue depth',
      [q(`max by (queue) (bus_queue_depth{${SEL}, queue=~".*\\\\.dlq"})`, '{{queue}}')],
      { unit: 'short', description: "List and replay dead letters through each service's dead-letter API." },
    );
  return board.build({
    uid: 'switchyard-bus',
    title: 'Switchyard / Message bus',
    tags: ['bus'],
    description:
      'RabbitMQ traffic as the services see it: publishes, deliveries by outcome, queues and dead letters.',
    variables: [
      systemVariable('bus_messages_consumed_total'),
      serviceVariable('bus_messages_consumed_total'),
    ],
  });
}

function kpiDashboard(system: SystemName) {
  const board = new Board();
  for (const kpi of KPIS[system].filter((k) => k.kind === 'stat'))
    board.stat(kpi.title, { expr: kpi.expr, legend: kpi.legend }, { unit: kpi.unit });
  board.row('Trends');
  for (const kpi of KPIS[system].filter((k) => k.kind !== 'stat'))
    board.timeseries(kpi.title, [{ expr: kpi.expr, legend: kpi.legend }], { unit: kpi.unit });
  return board.build({
    uid: `switchyard-kpi-${system}`,
    title: `Switchyard / ${TITLES[system]} KPIs`,
    tags: ['kpi', system],
    description: `${TITLES[system]}'s domain metrics (deploy/grafana/README.md lists them). Panels stay empty until the services register the metrics.`,
  });
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function datasources() {
  return yamlFile({
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        uid: 'prometheus',
        type: 'prometheus',
        access: 'proxy',
        url: 'http://prometheus:9090',
        isDefault: true,
        jsonData: { timeInterval: '15s' },
      },
      {
        name: 'Jaeger',
        uid: 'jaeger',
        type: 'jaeger',
        access: 'proxy',
        url: 'http://jaeger:16686',
        jsonData: { tracesToLogsV2: { datasourceUid: 'loki', filterByTraceID: true, customQuery: false } },
      },
      {
        name: 'Loki',
        uid: 'loki',
        type: 'loki',
        access: 'proxy',
        url: 'http://loki:3100',
        jsonData: {
          // Service logs are JSON with `trace_id` (platform/kit/src/logger.ts): link each line to its trace.
          derivedFields: [
            {
              name: 'trace_id',
              matcherRegex: '"trace_id":"(\\w+)"',
              url: '$${__value.raw}',
              datasourceUid: 'jaeger',
            },
          ],
        },
      },
    ],
  });
}

function dashboardProvider() {
  return yamlFile({
    apiVersion: 1,
    providers: [
      {
        name: 'switchyard',
        orgId: 1,
        type: 'file',
        disableDeletion: false,
        allowUiUpdates: true,
        updateIntervalSeconds: 60,
        options: { path: '/var/lib/grafana/dashboards', foldersFromFilesStructure: true },
      },
    ],
  });
}

function metricRow(m: MetricSpec): string {
  const labels = m.labels.length ? m.labels.map((l) => `\`${l}\``).join(', ') : 'none';
  return `| \`${m.name}\` | ${m.type} | ${labels} | ${m.help} |`;
}

function readme(): string {
  const table = (metrics: readonly MetricSpec[]) =>
    ['| Metric | Type | Labels | Meaning |', '|---|---|---|---|', ...metrics.map(metricRow)].join('\n');
  const systems = (Object.keys(DOMAIN_METRICS) as SystemName[])
    .map((s) => `### ${TITLES[s]}\n\n${table(DOMAIN_METRICS[s])}`)
    .join('\n\n');
  return `<!-- Generated by deploy/generate.ts from deploy/src/metrics.ts: edit that file and regenerate. -->
# Grafana: dashboards and the metrics contract

Provisioned by Compose (profile \`observability\`): datasources Prometheus, Jaeger and Loki
(\`provisioning/datasources/\`), and every dashboard under \`dashboards/\` (folders follow the
sub-directories). In Kubernetes, load the same JSON files with the Grafana sidecar or your
Grafana's provisioning.

| Dashboard | File | What it shows |
|---|---|---|
| Service RED | \`dashboards/platform/red.json\` | rate, errors, duration p50/p95/p99 per service; pick a service (or All: one row each) |
| Message bus | \`dashboards/platform/bus.json\` | publish/consume rates by exchange and queue, outcomes, handler time, queue depth, dead letters |
| CoolThing, Cinema, Shop, Fitness KPIs | \`dashboards/systems/<system>.json\` | each system's domain metrics below |

Every series carries \`service\` and, for system services, \`system\` (set by the platform's
metrics registry and by the scrape configuration).

## Platform metrics (every service, \`platform/kit/src/metrics.ts\`)

${table(PLATFORM_METRICS)}

## Platform services' domain metrics

${table(PLATFORM_SERVICE_METRICS)}

## Domain metrics: the contract for the systems' services

The KPI dashboards and the alert rules query exactly these names. A service registers them in
its composition root with \`new Counter({ name, help, labelNames, registers: [ctx.metrics.registry] })\`
(the \`service\`/\`system\` labels are added for it). Counters end in \`_total\`; gauges and
histograms do not (Prometheus naming). Keep label values few (campaign ids are fine, user ids are not).
A name changed here must change in the service, and the reverse: the deploy tests reject a dashboard
or alert that queries a name missing from this list.

${systems}
`;
}

/** deploy/grafana/*: file path (relative to deploy/) → content. */
export function renderGrafana(): Record<string, string> {
  const files: Record<string, string> = {
    'grafana/provisioning/datasources/datasources.yml': datasources(),
    'grafana/provisioning/dashboards/dashboards.yml': dashboardProvider(),
    'grafana/dashboards/platform/red.json': json(redDashboard()),
    'grafana/dashboards/platform/bus.json': json(busDashboard()),
    'grafana/README.md': readme(),
  };
  for (const system of Object.keys(KPIS) as SystemName[])
    files[`grafana/dashboards/systems/${system}.json`] = json(kpiDashboard(system));
  return files;
}
