import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '@switchyard/testing';
import { DockerDriver } from '../src/docker';
import { fakeDockerApi } from '../src/fakes/docker-api';

const launch = (attempt = 1) => ({
  service: 'coolthing/scripts-worker',
  labels: { 'switchyard/run': 'run-42' },
  attempt,
  name: `scripts-worker-run-42-${attempt}`,
  env: { RUN_ID: 'run-42', RUN_ATTEMPT: String(attempt), MIGRATE_ON_START: 'true', TIME_SCALE: '60' },
});

describe('docker driver against the Docker Engine API (recorded by a fake on a unix socket)', () => {
  let dir: string;
  let api: Awaited<ReturnType<typeof fakeDockerApi>>;
  let driver: DockerDriver;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'docker-fake-'));
    api = await fakeDockerApi({ socketPath: join(dir, 'docker.sock') });
    driver = new DockerDriver({
      host: `unix://${join(dir, 'docker.sock')}`,
      apiVersion: '1.44',
      image: 'registry.example/switchyard:1.2.3',
      network: 'switchyard_default',
      labels: { 'switchyard/watchdog': 'wd-1' },
      pollMs: 50,
    });
  });
  afterAll(async () => {
    await driver.close();
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => void api.calls.splice(0));

  it('creates the container (image, command, env, labels, network), starts it and waits on it', async () => {
    const worker = await driver.start(launch());
    const [create, start] = api.calls;
    expect(create!.method).toBe('POST');
    expect(create!.path).toBe('/v1.44/containers/create?name=scripts-worker-run-42-1');
    expect(create!.headers['content-type']).toBe('application/json');
    expect(create!.body).toEqual({
      Image: 'registry.example/switchyard:1.2.3',
      Cmd: ['coolthing/scripts-worker'],
      Env: ['RUN_ID=run-42', 'RUN_ATTEMPT=1', 'MIGRATE_ON_START=true', 'TIME_SCALE=60'],
      Labels: {
        'switchyard/watchdog': 'wd-1',
        'app.kubernetes.io/part-of': 'switchyard',
        'switchyard/service': 'scripts-worker',
        'switchyard/run': 'run-42',
        'switchyard/attempt': '1',
      },
      HostConfig: {
        RestartPolicy: { Name: 'no' },
        AutoRemove: false,
        Init: true,
        NetworkMode: 'switchyard_default',
      },
    });
    const id = [...api.containers.keys()][0]!;
    expect(worker.ref).toBe(id);
    expect(start).toMatchObject({ method: 'POST', path: `/v1.44/containers/${id}/start` });
    const wait = await waitFor(() => api.calls[2]);
    expect(wait).toMatchObject({
      method: 'POST',
      path: `/v1.44/containers/${id}/wait?condition=not-running`,
    });

    api.exit(id, 3);
    expect(await worker.exited).toEqual({ code: 3, signal: null });
    // Finished containers are removed (the original never removed its run containers), by the
    // same id they were created with (it deleted by a different key than it created with).
    await worker.remove();
    expect(api.calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/v1.44/containers/${id}?force=true&v=true`,
    });
    expect(api.containers.size).toBe(0);
    // Only the configured network: nothing attaches networks the deployment does not have.
    expect(api.calls.filter((c) => c.path.includes('/networks'))).toEqual([]);
  });

  it('stops gracefully, kills, and adopts a container by id after a watchdog restart', async () => {
    const worker = await driver.start(launch());
    await worker.stop();
    expect(
      api.calls.some((c) => c.method === 'POST' && c.path === `/v1.44/containers/${worker.ref}/stop?t=10`),
    ).toBe(true);
    expect((await worker.exited).code).toBe(143);
    await worker.remove();

    const second = await driver.start(launch(2));
    const adopted = await driver.adopt(second.ref);
    expect(adopted?.ref).toBe(second.ref);
    expect(
      api.calls.some((c) => c.method === 'GET' && c.path === `/v1.44/containers/${second.ref}/json`),
    ).toBe(true);
    await adopted!.kill();
    expect(api.calls.some((c) => c.path === `/v1.44/containers/${second.ref}/kill?signal=SIGKILL`)).toBe(
      true,
    );
    expect((await adopted!.exited).code).toBe(137);
    expect((await second.exited).code).toBe(137);
    await second.remove();
    expect(await driver.adopt('no-such-container')).toBeUndefined();
  });

  it('replaces a leftover container of the same name', async () => {
    api.leftover('scripts-worker-run-42-3');
    const worker = await driver.start(launch(3));
    const paths = api.calls.map((c) => `${c.method} ${c.path}`);
    expect(paths.slice(0, 4)).toEqual([
      'POST /v1.44/containers/create?name=scripts-worker-run-42-3',
      'DELETE /v1.44/containers/scripts-worker-run-42-3?force=true',
      'POST /v1.44/containers/create?name=scripts-worker-run-42-3',
      `POST /v1.44/containers/${worker.ref}/start`,
    ]);
    api.exit(worker.ref, 0);
    await worker.exited;
    await worker.remove();
  });

  it('talks to a TCP daemon from DOCKER_HOST as well', async () => {
    const tcp = await fakeDockerApi();
    const overTcp = new DockerDriver({
      host: tcp.url.replace('http://', 'tcp://'),
      apiVersion: '1.44',
      image: 'switchyard',
    });
    const worker = await overTcp.start(launch());
    expect(tcp.calls[0]!.path).toBe('/v1.44/containers/create?name=scripts-worker-run-42-1');
    expect((tcp.calls[0]!.body as { HostConfig: object }).HostConfig).not.toHaveProperty('NetworkMode');
    tcp.exit(worker.ref, 0);
    expect((await worker.exited).code).toBe(0);
    await overTcp.close();
    await tcp.close();
  });
});
