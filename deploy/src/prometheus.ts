import type { DeployService } from './model';
import { SERVICE_PORT } from './settings';
import { yamlFile } from './yaml';

const GLOBAL = { scrape_interval: '15s', scrape_timeout: '10s', evaluation_interval: '15s' };

/**
 * Prometheus for Compose: one job per service, found through Docker's DNS (a name resolves
 * to every replica of `docker compose up --scale`, and to nothing for a profile that is not
 * running, so stopped profiles raise no false "down" alerts). `service` and `system` are set
 * on the target, so `up` carries the same labels as the service's own series.
 */
export function renderPrometheusCompose(services: readonly DeployService[]): string {
  return yamlFile({
    global: GLOBAL,
    rule_files: ['/etc/prometheus/alerts.yml'],
    scrape_configs: [
      { job_name: 'prometheus', static_configs: [{ targets: ['localhost:9090'] }] },
      { job_name: 'rabbitmq', static_configs: [{ targets: ['rabbitmq:15692'] }] },
      ...services.map((s) => ({
        job_name: s.slug,
        metrics_path: '/metrics',
        honor_labels: true,
        dns_sd_configs: [{ names: [s.slug], type: 'A', port: SERVICE_PORT, refresh_interval: '15s' }],
        relabel_configs: [
          { target_label: 'service', replacement: s.name },
          ...(s.system ? [{ target_label: 'system', replacement: s.system }] : []),
        ],
      })),
    ],
  });
}

/**
 * Prometheus inside Kubernetes without the operator: pods annotated `prometheus.io/scrape`
 * are scraped; `service`/`system` come from the pod labels the generator sets.
 */
export function renderPrometheusKubernetes(): string {
  const label = (name: string) => `__meta_kubernetes_pod_label_${name.replace(/[./-]/g, '_')}`;
  return yamlFile({
    global: GLOBAL,
    rule_files: ['/etc/prometheus/alerts.yml'],
    scrape_configs: [
      {
        job_name: 'switchyard-pods',
        honor_labels: true,
        kubernetes_sd_configs: [{ role: 'pod' }],
        relabel_configs: [
          {
            source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'],
            action: 'keep',
            regex: 'true',
          },
          {
            source_labels: ['__meta_kubernetes_pod_phase'],
            action: 'drop',
            regex: 'Pending|Succeeded|Failed',
          },
          {
            source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'],
            action: 'replace',
            target_label: '__metrics_path__',
            regex: '(.+)',
          },
          {
            source_labels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'],
            action: 'replace',
            regex: '([^:]+)(?::\\d+)?;(\\d+)',
            replacement: '$1:$2',
            target_label: '__address__',
          },
          { source_labels: [label('switchyard/service')], target_label: 'service' },
          { source_labels: [label('switchyard/system')], target_label: 'system' },
          { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
          { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
        ],
      },
    ],
  });
}
