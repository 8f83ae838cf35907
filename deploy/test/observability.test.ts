import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServiceMetrics } from '@switchyard/kit';
import { DOMAIN_METRICS, knownSeries, PLATFORM_METRICS, PLATFORM_SERVICE_METRICS } from '../src/metrics';
import { committed, DEPLOY, fixture, lintPromQL, metricNames, readDeploy, ROOT, yamlOf } from './support';

type Data = Record<string, any>;

describe('the PromQL linter the other tests rely on', () => {
  it('accepts valid expressions and finds the metrics in them', () => {
    expect(
      lintPromQL('sum by (service) (rate(http_server_requests_total{status=~"5.."}[5m])) > 0.05'),
    ).toEqual([]);
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (le) (rate(bus_handler_duration_seconds_bucket{queue="a(b"}[$__rate_interval])))',
      ),
    ).toEqual(['bus_handler_duration_seconds_bucket']);
  });
  it('rejects unbalanced brackets, unknown metrics and expressions without a metric', () => {
    expect(lintPromQL('sum(rate(http_server_requests_total[5m])')).toContain('unclosed (');
    expect(lintPromQL('rate(http_server_requests_total[5m)')).not.toEqual([]);
    expect(lintPromQL('rate(http_requests_total[5m])')).toContain('unknown metric http_requests_total');
    expect(lintPromQL('vector(1)')).toContain('no metric name');
  });
});

describe('the metrics contract', () => {
  it('matches what the platform registers in every service (with process metrics)', () => {
    const registered = new ServiceMetrics('contract', 'shop', true).registry
      .getMetricsAsArray()
      .map((m) => m.name);
    const documented = PLATFORM_METRICS.map((m) => m.name).filter((n) => n !== 'up');
    for (const name of registered.filter((n) => /^(http|bus)_/.test(n)))
      expect(documented, name).toContain(name);
    for (const name of documented) expect(registered, name).toContain(name);
  });
});

/** Domain metrics the services define in their sources: `new Counter({ name: 'shop_…', labelNames: [...] })`. */
function definedInServices(): { file: string; name: string; type: string; labels: string[] }[] {
  const found: { file: string; name: string; type: string; labels: string[] }[] = [];
  const services = join(ROOT, 'services');
  for (const entry of readdirSync(services, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (
      !entry.isFile() ||
      !/\.ts$/.test(entry.name) ||
      /\.test\.ts$/.test(entry.name) ||
      path.includes('node_modules')
    )
      continue;
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/new (Counter|Gauge|Histogram)(?:<[^>]*>)?\(\{([\s\S]*?)\}\)/g)) {
      const name = m[2]!.match(/name:\s*'([a-z_:]+)'/)?.[1];
      if (!name) continue;
      const labels = [...(m[2]!.match(/labelNames:\s*\[([^\]]*)\]/)?.[1] ?? '').matchAll(/'(\w+)'/g)].map(
        (l) => l[1]!,
      );
      found.push({ file: path.slice(ROOT.length + 1), name, type: m[1]!.toLowerCase(), labels });
    }
  }
  return found;
}

describe('the domain metrics the services already define', () => {
  it('match the contract where the contract names them (type and labels)', () => {
    const contract = new Map(
      [...PLATFORM_SERVICE_METRICS, ...Object.values(DOMAIN_METRICS).flat()].map((m) => [m.name, m]),
    );
    for (const d of definedInServices()) {
      const spec = contract.get(d.name);
      if (!spec) continue;
      expect(d.type, `${d.file}: ${d.name}`).toBe(spec.type);
      expect([...d.labels].sort(), `${d.file}: ${d.name}`).toEqual([...spec.labels].sort());
    }
  });
});

describe('Prometheus', () => {
  it('scrapes every service of the registry in Compose, through Docker DNS, with service/system labels', async () => {
    for (const r of [await committed(), await fixture()]) {
      const config = yamlOf(r.files['prometheus/prometheus.yml']!) as Data;
      expect(config.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
      for (const s of r.services) {
        const job = (config.scrape_configs as Data[]).find((j) => j.job_name === s.slug);
        expect(job, `${r.label}: ${s.id}`).toBeDefined();
        expect(job!.metrics_path).toBe('/metrics');
        expect(job!.dns_sd_configs).toEqual([
          { names: [s.slug], type: 'A', port: 8080, refresh_interval: '15s' },
        ]);
        const labels = Object.fromEntries(
          (job!.relabel_configs as Data[]).map((c) => [c.target_label, c.replacement]),
        );
        expect(labels).toEqual({ service: s.name, ...(s.system ? { system: s.system } : {}) });
      }
    }
  });

  it('finds annotated pods in Kubernetes (no ServiceMonitor needed)', () => {
    const config = yamlOf(readDeploy('prometheus/prometheus-k8s.yml')) as Data;
    const [job] = config.scrape_configs as Data[];
    expect(job!.kubernetes_sd_configs).toEqual([{ role: 'pod' }]);
    const keep = (job!.relabel_configs as Data[]).find((c) => c.action === 'keep');
    expect(keep).toMatchObject({
      source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'],
      regex: 'true',
    });
    const targets = (job!.relabel_configs as Data[]).map((c) => c.target_label);
    expect(targets).toEqual(
      expect.arrayContaining(['__metrics_path__', '__address__', 'service', 'system', 'namespace']),
    );
  });

  const alerts = yamlOf(readDeploy('prometheus/alerts.yml')) as { groups: { name: string; rules: Data[] }[] };
  const rules = alerts.groups.flatMap((g) => g.rules);
  const byName = (name: string) => rules.find((r) => r.alert === name);

  it('gives every alert rule a name, valid PromQL over known metrics, a duration, severity and summary', () => {
    expect(rules.length).toBeGreaterThanOrEqual(7);
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(lintPromQL(rule.expr), rule.alert).toEqual([]);
      expect(rule.expr, rule.alert).toMatch(/[<>=]=?\s*[\d.]+\s*$/m);
      expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
  });

  it('has the alerts the platform promises', () => {
    expect(byName('ServiceDown')).toMatchObject({ for: '1m' });
    expect(byName('ServiceDown')!.expr).toMatch(/^up\b.*== 0$/);
    expect(byName('HighErrorRate')).toMatchObject({ for: '5m' });
    expect(byName('HighErrorRate')!.expr).toMatch(/status=~"5\.\."[\s\S]*> 0\.05/);
    expect(byName('HighLatencyP95')!.expr).toMatch(
      /histogram_quantile\(0\.95,[\s\S]*http_server_request_duration_seconds_bucket/,
    );
    expect(byName('DeadLetterQueueGrowing')!.expr).toMatch(
      /(deriv|increase|delta)\(bus_queue_depth\{queue=~"\.\*\\\\\.dlq"\}/,
    );
    expect(byName('MessagesDeadLettered')!.expr).toMatch(
      /rate\(bus_messages_consumed_total\{outcome="dead"\}\[5m\]\)\) > 0$/,
    );
    expect(byName('AccountBanSpike')!.expr).toBe('sum(increase(coolthing_accounts_banned_total[1h])) > 3');
    expect(byName('OutboxPublishFailing')!.expr).toContain('bus_publish_failures_total');
    expect(readDeploy('prometheus/alerts.yml')).toMatch(/#.*coolthing_accounts_banned_total/);
  });
});

describe('Grafana', () => {
  const files = Object.entries(
    (() => {
      const out: Record<string, string> = {};
      for (const path of [
        'platform/red.json',
        'platform/bus.json',
        ...Object.keys(DOMAIN_METRICS).map((s) => `systems/${s}.json`),
      ])
        out[path] = readDeploy(`grafana/dashboards/${path}`);
      return out;
    })(),
  );
  const dashboards = files.map(([path, text]) => [path, JSON.parse(text) as Data] as const);
  const panelsOf = (d: Data): Data[] =>
    (d.panels as Data[]).flatMap((p) => [p, ...((p.panels as Data[]) ?? [])]);
  const datasources = yamlOf(readDeploy('grafana/provisioning/datasources/datasources.yml')) as Data;
  const uids = new Set((datasources.datasources as Data[]).map((d) => d.uid));

  it('provisions Prometheus, Jaeger and Loki, and the dashboards folder Compose mounts', () => {
    expect((datasources.datasources as Data[]).map((d) => d.type).sort()).toEqual([
      'jaeger',
      'loki',
      'prometheus',
    ]);
    const providers = yamlOf(readDeploy('grafana/provisioning/dashboards/dashboards.yml')) as Data;
    expect(providers.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
    expect(readDeploy('compose/docker-compose.yml')).toContain(
      '../grafana/dashboards:/var/lib/grafana/dashboards:ro',
    );
  });

  it('has unique dashboard uids and unique panel ids, with every panel on a provisioned datasource', () => {
    expect(new Set(dashboards.map(([, d]) => d.uid)).size).toBe(dashboards.length);
    for (const [path, d] of dashboards) {
      const ids = panelsOf(d).map((p) => p.id);
      expect(new Set(ids).size, path).toBe(ids.length);
      for (const p of panelsOf(d)) {
        expect(p.gridPos, `${path} #${p.id}`).toMatchObject({ w: expect.any(Number), h: expect.any(Number) });
        if (p.type !== 'row') expect(uids.has(p.datasource?.uid), `${path} #${p.id}`).toBe(true);
      }
    }
  });

  it('queries only known metrics, in valid PromQL, with variables the dashboard defines', () => {
    for (const [path, d] of dashboards) {
      const variables = new Set(((d.templating?.list ?? []) as Data[]).map((v) => v.name));
      const targets = panelsOf(d).flatMap((p) => (p.targets ?? []) as Data[]);
      expect(targets.length, path).toBeGreaterThan(0);
      for (const t of targets) {
        expect(lintPromQL(t.expr), `${path}: ${t.expr}`).toEqual([]);
        for (const [, name] of t.expr.matchAll(/\$(\w+)/g) as Iterable<string[]>)
          if (!name!.startsWith('__')) expect(variables.has(name), `${path}: $${name}`).toBe(true);
      }
      for (const p of panelsOf(d)) if (p.repeat) expect(variables.has(p.repeat), path).toBe(true);
    }
  });

  it('has the RED panels (rate, errors, p50/p95/p99) per service and the bus panels', () => {
    const exprs = (path: string) =>
      panelsOf(dashboards.find(([p]) => p === path)![1])
        .flatMap((p) => ((p.targets ?? []) as Data[]).map((t) => t.expr as string))
        .join('\n');
    const red = exprs('platform/red.json');
    for (const q of ['0.5', '0.95', '0.99']) expect(red).toContain(`histogram_quantile(${q},`);
    expect(red).toContain('status=~"5.."');
    expect(red).toMatch(/service=~"\$service"/);
    const bus = exprs('platform/bus.json');
    for (const name of [
      'bus_messages_published_total',
      'bus_messages_consumed_total',
      'bus_handler_duration_seconds_bucket',
      'bus_queue_depth',
      'bus_publish_failures_total',
    ])
      expect(bus, name).toContain(name);
    expect(bus).toContain('outcome="dead"');
  });

  it('shows every documented domain metric on its system dashboard and lists it in the README contract', () => {
    const readme = readDeploy('grafana/README.md');
    for (const [system, metrics] of Object.entries(DOMAIN_METRICS)) {
      const used = new Set(
        panelsOf(dashboards.find(([p]) => p === `systems/${system}.json`)![1]).flatMap((p) =>
          ((p.targets ?? []) as Data[]).flatMap((t) => metricNames(t.expr)),
        ),
      );
      for (const m of metrics) {
        expect(m.name, system).toMatch(new RegExp(`^${system}_[a-z_]+$`));
        if (m.type === 'counter') expect(m.name).toMatch(/_total$/);
        const series = m.type === 'histogram' ? `${m.name}_bucket` : m.name;
        expect(used.has(series), `${m.name} on the ${system} dashboard`).toBe(true);
        expect(readme, m.name).toContain(`\`${m.name}\``);
      }
    }
    for (const m of [...PLATFORM_METRICS, ...PLATFORM_SERVICE_METRICS])
      expect(readme, m.name).toContain(`\`${m.name}\``);
    expect(knownSeries().has('http_server_request_duration_seconds_bucket')).toBe(true);
  });
});

describe('Compose observability files', () => {
  it('mounts configuration that exists', () => {
    for (const path of [
      'prometheus/prometheus.yml',
      'prometheus/alerts.yml',
      'loki/promtail.yml',
      'grafana/provisioning',
    ])
      expect(existsSync(join(DEPLOY, path)), path).toBe(true);
  });
});
