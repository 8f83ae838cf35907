import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import type { RegistryEntry } from '../../services/registry';
import { renderCompose } from './compose';
import { renderGrafana } from './grafana';
import { renderKubernetesBase } from './k8s';
import { loadServices } from './model';
import { renderPrometheusCompose, renderPrometheusKubernetes } from './prometheus';
import { renderSecrets } from './secrets';

/** Directories (under deploy/) whose every file comes from the generator: stale files there are removed. */
export const GENERATED_DIRS = ['k8s/base/services', 'k8s/base/migrations', 'grafana/dashboards'];

const DEPLOY = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Written the way the repository's Prettier writes them, so `npm run format` leaves the
 * generated files alone (and the up-to-date test passes after it).
 */
async function formatted(files: Record<string, string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [path, content] of Object.entries(files)) {
    const filepath = join(DEPLOY, path);
    out[path] = /\.(ya?ml|json)$/.test(path)
      ? await format(content, { ...(await resolveConfig(filepath)), filepath })
      : content;
  }
  return out;
}

/** Every generated file, path relative to deploy/ → content. Pure: nothing is written. */
export async function renderAll(entries: readonly RegistryEntry[]): Promise<Record<string, string>> {
  const services = await loadServices(entries);
  return formatted({
    'compose/docker-compose.yml': renderCompose(services),
    'prometheus/prometheus.yml': renderPrometheusCompose(services),
    'prometheus/prometheus-k8s.yml': renderPrometheusKubernetes(),
    ...renderKubernetesBase(services),
    ...renderGrafana(),
    ...renderSecrets(services),
  });
}
