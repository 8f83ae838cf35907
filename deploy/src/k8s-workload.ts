import type { DeployService } from './model';
import { IMAGE, MIGRATION_RESOURCES, resourcesOf, SERVICE_PORT, type Resources } from './settings';

export const PART_OF = { 'app.kubernetes.io/part-of': 'switchyard' };
/** The Secret every service reads (infrastructure URLs, SECRETS_KEY, service-specific secrets). */
export const SECRET_NAME = 'switchyard-secrets';
export const SHARED_CONFIG = 'switchyard-shared';
/** The ServiceAccount of every pod that does not talk to the Kubernetes API (no token mounted). */
export const DEFAULT_SERVICE_ACCOUNT = 'switchyard';
/** Label the apply script uses to hold Deployments back until the migration Jobs completed. */
export const ROLLOUT_LABEL = 'switchyard/rollout';

export function labelsOf(s: DeployService, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': s.slug,
    'app.kubernetes.io/component': component,
    ...PART_OF,
    'switchyard/service': s.name,
    ...(s.system ? { 'switchyard/system': s.system } : {}),
  };
}

export const selectorOf = (s: DeployService) => ({
  'app.kubernetes.io/name': s.slug,
  'app.kubernetes.io/component': 'service',
});

const podSecurity = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  fsGroup: 1000,
  seccompProfile: { type: 'RuntimeDefault' },
};

const containerSecurity = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

// The root filesystem is read-only: /tmp takes temporary files (uploads, libraries), services keep
// files under DATA_DIR (/data). Both are per-pod scratch space.
const volumes = [
  { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
  { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
];
const volumeMounts = [
  { name: 'tmp', mountPath: '/tmp' },
  { name: 'data', mountPath: '/data' },
];

function envFrom(s: DeployService) {
  return [
    { configMapRef: { name: SHARED_CONFIG } },
    { configMapRef: { name: `${s.slug}-config` } },
    { secretRef: { name: SECRET_NAME } },
  ];
}

function container(s: DeployService, args: string[], resources: Resources) {
  return {
    name: s.slug,
    image: IMAGE,
    imagePullPolicy: 'IfNotPresent',
    args,
    envFrom: envFrom(s),
    resources,
    securityContext: containerSecurity,
    volumeMounts,
  };
}

const probe = (path: string, extra: Record<string, number>) => ({
  httpGet: { path, port: 'http' },
  timeoutSeconds: 3,
  ...extra,
});

export function deployment(s: DeployService) {
  const launcherEnv = s.launchesJobs
    ? [
        // The watchdog starts workers as Jobs in its own namespace, from the image it runs itself.
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      ]
    : undefined;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: s.slug, labels: { ...labelsOf(s, 'service'), [ROLLOUT_LABEL]: 'after-migrations' } },
    spec: {
      // Set once; the HorizontalPodAutoscaler owns the count afterwards.
      ...(s.singleton ? { replicas: 1, strategy: { type: 'Recreate' } } : {}),
      revisionHistoryLimit: 3,
      selector: { matchLabels: selectorOf(s) },
      template: {
        metadata: {
          labels: labelsOf(s, 'service'),
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(SERVICE_PORT),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          serviceAccountName: s.launchesJobs ? s.slug : DEFAULT_SERVICE_ACCOUNT,
          automountServiceAccountToken: s.launchesJobs,
          securityContext: podSecurity,
          terminationGracePeriodSeconds: 30,
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selectorOf(s) },
            },
          ],
          containers: [
            {
              ...container(s, [s.id], resourcesOf(s.id)),
              ...(launcherEnv ? { env: launcherEnv } : {}),
              ports: [{ name: 'http', containerPort: SERVICE_PORT, protocol: 'TCP' }],
              startupProbe: probe('/healthz', { periodSeconds: 2, failureThreshold: 60 }),
              readinessProbe: probe('/readyz', { periodSeconds: 10, failureThreshold: 3 }),
              livenessProbe: probe('/healthz', { periodSeconds: 20, failureThreshold: 3 }),
              // Lets the endpoints controller take the pod out of the Service before SIGTERM.
              lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
            },
          ],
          volumes,
        },
      },
    },
  };
}

/** `<id> --migrate-only` as a Job; the apply script runs it to completion before the rollout. */
export function migrationJob(s: DeployService) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: `${s.slug}-migrate`, labels: labelsOf(s, 'migration') },
    spec: {
      backoffLimit: 6,
      activeDeadlineSeconds: 900,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels: labelsOf(s, 'migration') },
        spec: {
          restartPolicy: 'Never',
          serviceAccountName: DEFAULT_SERVICE_ACCOUNT,
          automountServiceAccountToken: false,
          securityContext: podSecurity,
          containers: [container(s, [s.id, '--migrate-only'], MIGRATION_RESOURCES)],
          volumes,
        },
      },
    },
  };
}
