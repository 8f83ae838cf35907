import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ApiClient, ApiError } from './api-client';
import {
  exitSignal,
  serviceParts,
  type LaunchedWorker,
  type WorkerDriver,
  type WorkerExit,
  type WorkerLaunch,
} from './driver';

export interface KubernetesDriverOptions {
  /** API server URL (`https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT` in a pod). */
  apiUrl: string;
  /** Folder with the pod's `token`, `ca.crt` and `namespace`. */
  serviceAccountDir: string;
  /** Namespace of the Jobs; the pod's own by default. */
  namespace?: string;
  /** Worker image; without it, the image of this pod (`podName`). */
  image?: string;
  podName?: string;
  ttlSecondsAfterFinished: number;
  serviceAccountName: string;
  /** `configmap:name` / `secret:name` entries worker pods read their variables from. */
  envFrom: string[];
  pollMs: number;
  labels?: Record<string, string>;
}

interface JobStatus {
  active?: number;
  succeeded?: number;
  failed?: number;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
}

/** A container name (DNS-1123 label) from the worker service's name. */
function containerName(service: string): string {
  return (
    service
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .slice(0, 63)
      .replace(/^-+|-+$/g, '') || 'worker'
  );
}

/** Label values: at most 63 of `[A-Za-z0-9._-]`, alphanumeric at both ends. */
export function labelValue(value: string): string {
  return value
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/**
 * Workers as batch/v1 Jobs in the watchdog's namespace, authenticated with the pod's service
 * account token: backoffLimit 0 (the watchdog restarts, with its own backoff and limit),
 * ttlSecondsAfterFinished as a safety net, status polled, Jobs deleted when done.
 */
export class KubernetesDriver implements WorkerDriver {
  readonly kind = 'kubernetes' as const;
  readonly outlivesWatchdog = true;
  private readonly api: ApiClient;
  private readonly closing = new AbortController();
  private namespace: string | undefined;
  private image: string | undefined;

  constructor(private readonly options: KubernetesDriverOptions) {
    this.namespace = options.namespace;
    this.image = options.image;
    const file = (name: string) => join(options.serviceAccountDir, name);
    this.api = new ApiClient({
      baseUrl: options.apiUrl,
      token: async () => (await readFile(file('token'), 'utf8').catch(() => '')).trim() || undefined,
      ca: async () => readFile(file('ca.crt')).catch(() => undefined),
    });
  }

  private async ns(): Promise<string> {
    if (!this.namespace) {
      const fromFile = await readFile(join(this.options.serviceAccountDir, 'namespace'), 'utf8').catch(
        () => '',
      );
      this.namespace = fromFile.trim() || 'default';
    }
    return this.namespace;
  }

  /** The configured image, or the one this pod runs (workers come from the same build). */
  private async workerImage(): Promise<string> {
    if (this.image) return this.image;
    if (!this.options.podName)
      throw new Error('WORKER_IMAGE or POD_NAME is needed to start Kubernetes workers');
    const pod = await this.api.call(
      'GET',
      `/api/v1/namespaces/${await this.ns()}/pods/${encodeURIComponent(this.options.podName)}`,
    );
    const image = (pod.body as { spec?: { containers?: { image?: string }[] } }).spec?.containers?.[0]?.image;
    if (!image) throw new Error(`pod ${this.options.podName} shows no container image`);
    this.image = image;
    return image;
  }

  jobManifest(launch: WorkerLaunch, namespace: string, image: string) {
    const { system, name } = serviceParts(launch.service);
    const labels = {
      ...this.options.labels,
      'app.kubernetes.io/name': labelValue(launch.service.replace(/\//g, '-')),
      'app.kubernetes.io/component': 'worker',
      'app.kubernetes.io/part-of': 'switchyard',
      'switchyard/service': labelValue(name),
      ...(system ? { 'switchyard/system': labelValue(system) } : {}),
      ...Object.fromEntries(Object.entries(launch.labels).map(([k, v]) => [k, labelValue(v)])),
      'switchyard/attempt': String(launch.attempt),
    };
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: launch.name, namespace, labels, annotations: { ...launch.labels } },
      spec: {
        backoffLimit: 0,
        ttlSecondsAfterFinished: this.options.ttlSecondsAfterFinished,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            serviceAccountName: this.options.serviceAccountName,
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: 30,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 1000,
              runAsGroup: 1000,
              fsGroup: 1000,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                // The pod's only container: its exit code is the worker's.
                name: containerName(name),
                image,
                imagePullPolicy: 'IfNotPresent',
                args: [launch.service],
                env: Object.entries(launch.env).map(([name, value]) => ({ name, value })),
                envFrom: this.options.envFrom.map((entry) => {
                  const [kind, name] = entry.split(':') as [string, string];
                  return kind === 'secret' ? { secretRef: { name } } : { configMapRef: { name } };
                }),
                resources: {
                  requests: { cpu: '100m', memory: '192Mi' },
                  limits: { cpu: '1', memory: '512Mi' },
                },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  runAsNonRoot: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [
                  { name: 'tmp', mountPath: '/tmp' },
                  { name: 'data', mountPath: '/data' },
                ],
              },
            ],
            volumes: [
              { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
              { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
            ],
          },
        },
      },
    };
  }

  async start(launch: WorkerLaunch): Promise<LaunchedWorker> {
    const namespace = await this.ns();
    const manifest = this.jobManifest(launch, namespace, await this.workerImage());
    const jobs = `/apis/batch/v1/namespaces/${namespace}/jobs`;
    try {
      await this.api.call('POST', jobs, manifest);
    } catch (err) {
      // Left over from an earlier try of this attempt: remove it, then create it again.
      if (!(err instanceof ApiError && err.status === 409)) throw err;
      await this.deleteJob(namespace, launch.name);
      await this.waitGone(namespace, launch.name, 30_000);
      await this.api.call('POST', jobs, manifest);
    }
    return this.handle(namespace, launch.name);
  }

  async adopt(ref: string): Promise<LaunchedWorker | undefined> {
    const namespace = await this.ns();
    const res = await this.api.call('GET', this.jobPath(namespace, ref), undefined, { accept: [404] });
    if (res.status === 404) return undefined;
    return this.handle(namespace, ref);
  }

  async close(): Promise<void> {
    this.closing.abort();
  }

  private jobPath(namespace: string, name: string): string {
    return `/apis/batch/v1/namespaces/${namespace}/jobs/${encodeURIComponent(name)}`;
  }

  private deleteJob(namespace: string, name: string, gracePeriodSeconds?: number) {
    return this.api.call(
      'DELETE',
      this.jobPath(namespace, name),
      {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        propagationPolicy: 'Background',
        ...(gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds }),
      },
      { accept: [404] },
    );
  }

  private podsPath(namespace: string, name: string): string {
    return `/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(`job-name=${name}`)}`;
  }

  private handle(namespace: string, name: string): LaunchedWorker {
    const { exited, settle } = exitSignal();
    void this.watch(namespace, name).then(settle);
    return {
      ref: name,
      exited,
      stop: async () => {
        // Deleting the Job terminates its pod gracefully (SIGTERM, then the grace period).
        await this.deleteJob(namespace, name);
        await exited;
      },
      kill: async () => {
        const pods = await this.api.call('GET', this.podsPath(namespace, name));
        for (const pod of (pods.body as { items?: { metadata: { name: string } }[] }).items ?? []) {
          await this.api.call(
            'DELETE',
            `/api/v1/namespaces/${namespace}/pods/${encodeURIComponent(pod.metadata.name)}`,
            { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 },
            { accept: [404] },
          );
        }
      },
      remove: async () => void (await this.deleteJob(namespace, name)),
    };
  }

  /** Polls the Job until it completed or failed (or is gone). */
  private async watch(namespace: string, name: string): Promise<WorkerExit> {
    const signal = this.closing.signal;
    while (!signal.aborted) {
      try {
        const res = await this.api.call('GET', this.jobPath(namespace, name), undefined, { accept: [404] });
        if (res.status === 404) return { code: null, signal: null, detail: 'job deleted' };
        const status = (res.body as { status?: JobStatus }).status ?? {};
        const condition = (type: string) =>
          status.conditions?.find((c) => c.type === type && c.status === 'True');
        const complete =
          condition('Complete') ?? ((status.succeeded ?? 0) > 0 ? { type: 'Complete' } : undefined);
        const failed = condition('Failed') ?? ((status.failed ?? 0) > 0 ? { type: 'Failed' } : undefined);
        if (complete || failed) {
          const code = await this.exitCode(namespace, name);
          const reason = failed && 'reason' in failed ? failed.reason : undefined;
          return { code: code ?? (complete ? 0 : 1), signal: null, ...(reason ? { detail: reason } : {}) };
        }
      } catch {
        // The API server is away for a moment; keep looking.
      }
      await delay(this.options.pollMs, undefined, { signal }).catch(() => undefined);
    }
    return new Promise<WorkerExit>(() => undefined); // the watchdog is closing: no verdict
  }

  private async exitCode(namespace: string, name: string): Promise<number | undefined> {
    try {
      const pods = await this.api.call('GET', this.podsPath(namespace, name));
      const items =
        (
          pods.body as {
            items?: {
              status?: {
                containerStatuses?: { name: string; state?: { terminated?: { exitCode?: number } } }[];
              };
            }[];
          }
        ).items ?? [];
      for (const pod of items) {
        const code = pod.status?.containerStatuses?.find((c) => c.state?.terminated)?.state?.terminated
          ?.exitCode;
        if (code !== undefined) return code;
      }
    } catch {
      // The exit code is a detail; the Job's own status decides.
    }
    return undefined;
  }

  private async waitGone(namespace: string, name: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const res = await this.api.call('GET', this.jobPath(namespace, name), undefined, { accept: [404] });
      if (res.status === 404) return;
      await delay(Math.min(this.options.pollMs, 500));
    }
    throw new Error(`job ${name} was not deleted within ${timeoutMs} ms`);
  }
}
