import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@switchyard/testing';
import { KubernetesDriver } from '../src/kubernetes';
import { fakeKubernetesApi } from '../src/fakes/kubernetes-api';

const launch = (attempt = 1) => ({
  service: 'coolthing/scripts-worker',
  labels: { 'switchyard/run': '0198f0a2-7c4e-7000-8000-00000000abcd' },
  attempt,
  name: `scripts-worker-0198f0a2-7c4e-7000-8000-00000000abcd-${attempt}`,
  env: {
    RUN_ID: '0198f0a2-7c4e-7000-8000-00000000abcd',
    RUN_ATTEMPT: String(attempt),
    MIGRATE_ON_START: 'true',
  },
});

describe('kubernetes driver against the Kubernetes API (recorded by a fake)', () => {
  let dir: string;
  let api: Awaited<ReturnType<typeof fakeKubernetesApi>>;
  let driver: KubernetesDriver;
  const ns = 'coolthing-test';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'k8s-sa-'));
    // The pod's service account mount: token, CA and namespace files.
    await writeFile(join(dir, 'token'), 'sa-token-abc\n');
    await writeFile(join(dir, 'namespace'), ns);
    api = await fakeKubernetesApi({
      namespace: ns,
      token: 'sa-token-abc',
      ownPod: {
        name: 'coolthing-scripts-watchdog-6d9f-x2',
        image: 'registry.example/switchyard@sha256:1234',
      },
    });
    driver = new KubernetesDriver({
      apiUrl: api.url,
      serviceAccountDir: dir,
      podName: 'coolthing-scripts-watchdog-6d9f-x2',
      ttlSecondsAfterFinished: 600,
      serviceAccountName: 'switchyard',
      envFrom: ['configmap:switchyard-shared', 'secret:switchyard-secrets'],
      pollMs: 30,
    });
  });
  afterAll(async () => {
    await driver.close();
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => void api.calls.splice(0));

  it("creates a batch/v1 Job with the watchdog's own image, backoffLimit 0 and a TTL; polls it; deletes it", async () => {
    const worker = await driver.start(launch());
    const [ownPod, create] = api.calls;
    expect(ownPod).toMatchObject({
      method: 'GET',
      path: `/api/v1/namespaces/${ns}/pods/coolthing-scripts-watchdog-6d9f-x2`,
    });
    expect(create!.method).toBe('POST');
    expect(create!.path).toBe(`/apis/batch/v1/namespaces/${ns}/jobs`);
    expect(create!.headers.authorization).toBe('Bearer sa-token-abc');
    expect(create!.headers['content-type']).toBe('application/json');
    const job = create!.body as any;
    expect(job).toMatchObject({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: launch().name,
        namespace: ns,
        labels: {
          'app.kubernetes.io/part-of': 'switchyard',
          'app.kubernetes.io/component': 'worker',
          'switchyard/run': launch().labels['switchyard/run'],
          'switchyard/attempt': '1',
        },
      },
      spec: { backoffLimit: 0, ttlSecondsAfterFinished: 600 },
    });
    const pod = job.spec.template.spec;
    expect(pod).toMatchObject({
      restartPolicy: 'Never',
      serviceAccountName: 'switchyard',
      automountServiceAccountToken: false,
    });
    expect(job.spec.template.metadata.labels).toEqual(job.metadata.labels);
    expect(pod.containers).toHaveLength(1);
    expect(pod.containers[0]).toMatchObject({
      name: 'scripts-worker',
      image: 'registry.example/switchyard@sha256:1234',
      args: ['coolthing/scripts-worker'],
      env: [
        { name: 'RUN_ID', value: launch().env.RUN_ID },
        { name: 'RUN_ATTEMPT', value: '1' },
        { name: 'MIGRATE_ON_START', value: 'true' },
      ],
      envFrom: [
        { configMapRef: { name: 'switchyard-shared' } },
        { secretRef: { name: 'switchyard-secrets' } },
      ],
      securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    });
    // Every label value is a valid Kubernetes label value.
    for (const v of Object.values(job.metadata.labels as Record<string, string>))
      expect(v).toMatch(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/);

    await waitFor(() =>
      api.calls.some(
        (c) => c.method === 'GET' && c.path === `/apis/batch/v1/namespaces/${ns}/jobs/${launch().name}`,
      ),
    );
    api.complete(launch().name, 0);
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(
      api.calls.some(
        (c) =>
          c.method === 'GET' &&
          c.path === `/api/v1/namespaces/${ns}/pods?labelSelector=job-name%3D${launch().name}`,
      ),
    ).toBe(true);
    await worker.remove();
    const del = api.calls.at(-1)!;
    expect(del).toMatchObject({
      method: 'DELETE',
      path: `/apis/batch/v1/namespaces/${ns}/jobs/${launch().name}`,
    });
    expect(del.body).toEqual({ apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' });
    expect(api.jobs.size).toBe(0);
  });

  it('reports a failed Job with its container exit code; kill deletes the pod at once', async () => {
    const worker = await driver.start(launch(2));
    await worker.kill();
    const podDelete = api.calls.find((c) => c.method === 'DELETE' && c.path.includes('/pods/'));
    expect(podDelete).toMatchObject({ path: `/api/v1/namespaces/${ns}/pods/${launch(2).name}-x7k2p` });
    expect(podDelete!.body).toEqual({ apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 });
    expect(await worker.exited).toEqual({ code: 137, signal: null, detail: 'BackoffLimitExceeded' });
    await worker.remove();
  });

  it('stops by deleting the Job and adopts Jobs by name after a watchdog restart', async () => {
    const worker = await driver.start(launch(3));
    const adopted = await driver.adopt(launch(3).name);
    expect(adopted?.ref).toBe(launch(3).name);
    await worker.stop();
    expect(await worker.exited).toEqual({ code: null, signal: null, detail: 'job deleted' });
    expect(await adopted!.exited).toEqual({ code: null, signal: null, detail: 'job deleted' });
    expect(await driver.adopt(launch(3).name)).toBeUndefined();
  });

  it('replaces a Job left over with the same name', async () => {
    api.leftover(launch(4).name);
    const worker = await driver.start(launch(4));
    const paths = api.calls.map((c) => `${c.method} ${c.path}`);
    expect(paths).toContain(`DELETE /apis/batch/v1/namespaces/${ns}/jobs/${launch(4).name}`);
    expect(paths.filter((p) => p === `POST /apis/batch/v1/namespaces/${ns}/jobs`)).toHaveLength(2);
    api.complete(launch(4).name, 0);
    await worker.exited;
    await worker.remove();
  });

  it('labels a Job after the worker service and its subject (any watchdog: accounts as well as runs)', () => {
    const job = driver.jobManifest(
      {
        service: 'coolthing/bot',
        labels: { 'switchyard/account': 'Acc_01/odd id', 'switchyard/role': 'manager' },
        attempt: 2,
        name: 'bot-acc-01-odd-id-a1b2c3-2',
        env: { ACCOUNT_ID: 'Acc_01/odd id' },
      },
      ns,
      'switchyard:1',
    );
    expect(job.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'coolthing-bot',
      'switchyard/service': 'bot',
      'switchyard/system': 'coolthing',
      'switchyard/account': 'Acc_01-odd-id',
      'switchyard/role': 'manager',
      'switchyard/attempt': '2',
    });
    // The exact id stays findable in the annotations.
    expect(job.metadata.annotations).toEqual({
      'switchyard/account': 'Acc_01/odd id',
      'switchyard/role': 'manager',
    });
    const container = job.spec.template.spec.containers[0]!;
    expect(container).toMatchObject({ name: 'bot', args: ['coolthing/bot'] });
  });
});
