import { recordingServer, type RecordedCall, type Reply } from './recording-server';

interface Job {
  name: string;
  manifest: Record<string, unknown>;
  status: { active?: number; succeeded?: number; failed?: number; conditions?: unknown[] };
  exitCode: number | null;
  pod: string;
}

const status = (reason: string, message: string, code: number) => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  reason,
  message,
  code,
});

/**
 * The slice of the Kubernetes API the kubernetes driver uses: Jobs in one namespace, their
 * pods (by the `job-name` label), and the watchdog's own pod. Every call must carry the
 * service account token. Records every call.
 */
export async function fakeKubernetesApi(options: {
  namespace: string;
  token: string;
  ownPod: { name: string; image: string };
}) {
  const jobs = new Map<string, Job>();
  const ns = options.namespace;
  const finish = (job: Job, code: number) => {
    job.exitCode = code;
    job.status =
      code === 0
        ? { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }
        : { failed: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] };
  };
  const podOf = (job: Job) => ({
    metadata: { name: job.pod, labels: { 'job-name': job.name } },
    status: {
      phase: job.exitCode === null ? 'Running' : job.exitCode === 0 ? 'Succeeded' : 'Failed',
      containerStatuses: [
        {
          name: 'scripts-worker',
          state: job.exitCode === null ? { running: {} } : { terminated: { exitCode: job.exitCode } },
        },
      ],
    },
  });
  const route = (call: RecordedCall, url: URL): Reply | undefined => {
    if (call.headers.authorization !== `Bearer ${options.token}`)
      return { status: 401, body: status('Unauthorized', 'Unauthorized', 401) };
    const path = url.pathname;
    if (call.method === 'GET' && path === `/api/v1/namespaces/${ns}/pods/${options.ownPod.name}`)
      return {
        status: 200,
        body: {
          metadata: { name: options.ownPod.name },
          spec: { containers: [{ name: 'main', image: options.ownPod.image }] },
        },
      };
    if (call.method === 'GET' && path === `/api/v1/namespaces/${ns}/pods`) {
      const selector = url.searchParams.get('labelSelector') ?? '';
      const name = /^job-name=(.+)$/.exec(selector)?.[1];
      const job = name ? jobs.get(name) : undefined;
      return { status: 200, body: { kind: 'PodList', items: job ? [podOf(job)] : [] } };
    }
    const pod = new RegExp(`^/api/v1/namespaces/${ns}/pods/([^/]+)$`).exec(path);
    if (pod && call.method === 'DELETE') {
      const job = [...jobs.values()].find((j) => j.pod === pod[1]);
      if (!job) return { status: 404, body: status('NotFound', `pods "${pod[1]}" not found`, 404) };
      if (job.exitCode === null) finish(job, 137);
      return { status: 200, body: podOf(job) };
    }
    if (path === `/apis/batch/v1/namespaces/${ns}/jobs` && call.method === 'POST') {
      const manifest = call.body as { metadata: { name: string } };
      const name = manifest.metadata.name;
      if (jobs.has(name))
        return { status: 409, body: status('AlreadyExists', `jobs.batch "${name}" already exists`, 409) };
      jobs.set(name, {
        name,
        manifest: call.body as Record<string, unknown>,
        status: { active: 1 },
        exitCode: null,
        pod: `${name}-x7k2p`,
      });
      return { status: 201, body: { ...manifest, status: {} } };
    }
    const job = new RegExp(`^/apis/batch/v1/namespaces/${ns}/jobs/([^/]+)$`).exec(path);
    if (job) {
      const found = jobs.get(job[1]!);
      if (!found) return { status: 404, body: status('NotFound', `jobs.batch "${job[1]}" not found`, 404) };
      if (call.method === 'GET') return { status: 200, body: { ...found.manifest, status: found.status } };
      if (call.method === 'DELETE') {
        jobs.delete(found.name);
        return { status: 200, body: { kind: 'Status', apiVersion: 'v1', status: 'Success' } };
      }
    }
    return undefined;
  };
  const server = await recordingServer(route);
  return {
    ...server,
    jobs,
    complete: (name: string, code = 0) => finish(jobs.get(name)!, code),
    /** A Job left by an earlier try of the same attempt. */
    leftover: (name: string) =>
      jobs.set(name, {
        name,
        manifest: { metadata: { name } },
        status: { active: 1 },
        exitCode: null,
        pod: `${name}-old`,
      }),
  };
}
