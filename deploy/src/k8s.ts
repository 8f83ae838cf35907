import {
  DEFAULT_SERVICE_ACCOUNT,
  deployment,
  labelsOf,
  migrationJob,
  PART_OF,
  selectorOf,
  SHARED_CONFIG,
} from './k8s-workload';
import { directoryEnv, type DeployService } from './model';
import { autoscalingOf, SERVICE_PORT } from './settings';
import { yamlFile, yamlStream } from './yaml';

/** Settings of one service that differ from the shared ones; overlays patch them. */
function serviceConfig(s: DeployService): Record<string, string> {
  const data: Record<string, string> = { LOG_LEVEL: 'info' };
  // Behind the Ingress the client address is in X-Forwarded-For.
  if (s.id === 'gateway') data.TRUST_PROXY = 'true';
  if (s.launchesJobs) data.WORKER_RUNTIME = 'kubernetes';
  return data;
}

function autoscaler(s: DeployService) {
  const scaling = autoscalingOf(s.id, s.system);
  const metrics: unknown[] = [
    {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: scaling.cpuPercent } },
    },
  ];
  if (scaling.memoryAverage)
    metrics.push({
      type: 'Resource',
      resource: { name: 'memory', target: { type: 'AverageValue', averageValue: scaling.memoryAverage } },
    });
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: s.slug, labels: labelsOf(s, 'service') },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: s.slug },
      minReplicas: scaling.min,
      maxReplicas: scaling.max,
      metrics,
    },
  };
}

function rbac(s: DeployService) {
  const labels = labelsOf(s, 'service');
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: s.slug, labels } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: `${s.slug}-workers`, labels },
      rules: [
        {
          apiGroups: ['batch'],
          resources: ['jobs'],
          verbs: ['create', 'get', 'list', 'watch', 'delete', 'patch'],
        },
        { apiGroups: [''], resources: ['pods'], verbs: ['create', 'get', 'list', 'watch', 'delete'] },
        { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${s.slug}-workers`, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${s.slug}-workers` },
      subjects: [{ kind: 'ServiceAccount', name: s.slug }],
    },
  ];
}

/** Everything one service needs in the cluster, in one file. */
function serviceManifests(s: DeployService): unknown[] {
  const labels = labelsOf(s, 'service');
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${s.slug}-config`, labels },
      data: serviceConfig(s),
    },
    ...(s.launchesJobs ? rbac(s) : []),
    deployment(s),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: s.slug, labels },
      spec: {
        type: 'ClusterIP',
        selector: selectorOf(s),
        ports: [{ name: 'http', port: SERVICE_PORT, targetPort: 'http', protocol: 'TCP' }],
      },
    },
    ...(s.singleton ? [] : [autoscaler(s)]),
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: s.slug, labels },
      // A singleton may be evicted (it would otherwise block every node drain).
      spec: s.singleton
        ? { maxUnavailable: 1, selector: { matchLabels: selectorOf(s) } }
        : { minAvailable: 1, selector: { matchLabels: selectorOf(s) } },
    },
  ];
}

function sharedConfig(services: readonly DeployService[]) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: SHARED_CONFIG, labels: { ...PART_OF, 'app.kubernetes.io/component': 'config' } },
    data: {
      LOG_FORMAT: 'json',
      // The migration Jobs apply migrations; services never migrate on start here.
      MIGRATE_ON_START: 'false',
      DATA_DIR: '/data',
      PUBLIC_URL: 'http://localhost:8080',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318',
      ...directoryEnv(services, (s) => `http://${s.slug}:${SERVICE_PORT}`),
    },
  };
}

/**
 * The Ingress sends everything to the gateway: it is the one place for rate limits, CORS,
 * security headers, body limits, request ids and the web apps, exactly as in Compose and
 * embedded mode. Routing /api/<system>/<service> straight to services would skip all of it.
 */
function ingress() {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: 'switchyard',
      labels: { ...PART_OF, 'app.kubernetes.io/component': 'ingress' },
      annotations: {
        // Uploads up to the gateway's UPLOAD_LIMIT_BYTES (12 MiB) must pass the proxy.
        'nginx.ingress.kubernetes.io/proxy-body-size': '16m',
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '60',
      },
    },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'switchyard.localtest.me',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'gateway', port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    },
  };
}

/** deploy/k8s/base/*: file path (relative to deploy/) → content. */
export function renderKubernetesBase(services: readonly DeployService[]): Record<string, string> {
  const files: Record<string, string> = {};
  files['k8s/base/shared-config.yaml'] = yamlFile(sharedConfig(services));
  files['k8s/base/service-account.yaml'] = yamlFile({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: {
      name: DEFAULT_SERVICE_ACCOUNT,
      labels: { ...PART_OF, 'app.kubernetes.io/component': 'config' },
    },
    automountServiceAccountToken: false,
  });
  files['k8s/base/ingress.yaml'] = yamlFile(ingress());
  const serviceFiles: string[] = [];
  const jobFiles: string[] = [];
  for (const s of services) {
    const file = `services/${s.slug}.yaml`;
    files[`k8s/base/${file}`] = yamlStream(serviceManifests(s));
    serviceFiles.push(file);
    if (s.database) {
      const job = `migrations/${s.slug}.yaml`;
      files[`k8s/base/${job}`] = yamlFile(migrationJob(s));
      jobFiles.push(job);
    }
  }
  files['k8s/base/kustomization.yaml'] = yamlFile({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['service-account.yaml', 'shared-config.yaml', 'ingress.yaml', ...jobFiles, ...serviceFiles],
  });
  return files;
}
