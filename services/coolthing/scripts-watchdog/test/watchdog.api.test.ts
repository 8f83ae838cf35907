import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Bus } from '@switchyard/bus';
import { ScriptCrashed, ScriptFinished, ScriptRunControl, ScriptRunPlanned } from '@switchyard/contracts';
import {
  EmbeddedInfra,
  INTERNAL_TOKEN_HEADER,
  on,
  startService,
  type RunningService,
  type WorkerExit,
  type WorkerHandle,
  type WorkerRuntime,
  type WorkerSpec,
} from '@switchyard/kit';
import { startTestIssuer, waitFor, type TestIssuer } from '@switchyard/testing';
import { service } from '../src/main';
import { fakeDockerApi } from '@switchyard/workers/fakes';

const TOKEN = 'watchdog-test-internal-token-0123456789';

/** Workers that "run" until the test ends them. */
class FakeRuntime implements WorkerRuntime {
  readonly kind = 'inline' as const;
  readonly started: {
    spec: WorkerSpec;
    exit(e: WorkerExit): void;
    stopped: boolean;
    handle: WorkerHandle;
  }[] = [];

  async start(spec: WorkerSpec): Promise<WorkerHandle> {
    let settle!: (e: WorkerExit) => void;
    const exited = new Promise<WorkerExit>((r) => (settle = r));
    const entry = {
      spec,
      stopped: false,
      exit: (e: WorkerExit) => settle(e),
      handle: {
        name: spec.name,
        exited,
        stop: async () => {
          entry.stopped = true;
          settle({ code: 0, signal: null });
        },
        kill: () => settle({ code: null, signal: 'SIGKILL' }),
      },
    };
    this.started.push(entry);
    return entry.handle;
  }

  of(runId: string) {
    return this.started.filter((s) => s.spec.env.RUN_ID === runId);
  }
}

describe('scripts-watchdog', () => {
  let issuer: TestIssuer;
  let infra: EmbeddedInfra;
  let bus: Bus;
  const seen: { type: string; payload: Record<string, unknown> }[] = [];
  let dataDir: string;
  const running: RunningService[] = [];

  const start = async (env: Record<string, string>, workers?: WorkerRuntime) => {
    const svc = await startService(service, {
      infra,
      workers,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        AUTH_JWKS_URL: issuer.jwksUrl,
        INTERNAL_API_TOKEN: TOKEN,
        WATCHDOG_TICK_MS: '30',
        WORKER_RESTART_BACKOFF_MS: '50',
        WORKER_FINISH_GRACE_MS: '100',
        WATCHDOG_INSTANCE_ID: 'wd-test',
        ...env,
      },
    });
    running.push(svc);
    return svc;
  };
  const as = async (roles: string[]) => ({
    authorization: `Bearer ${await issuer.sign({ sub: 'u-1', roles })}`,
  });
  const planned = (sfcId: string) => bus.publish(ScriptRunPlanned, { sfc_id: sfcId, chats: 1, lines: 8 });
  const finished = (sfcId: string, status: 'done' | 'stopped' | 'failed' = 'done') =>
    bus.publish(ScriptFinished, {
      sfc_id: sfcId,
      status,
      finished_at: new Date().toISOString(),
      problems: [],
    });
  const runOf = async (svc: RunningService, sfcId: string) =>
    (await fetch(`${svc.url}/runs/${sfcId}`, { headers: await as(['viewer']) })).json() as Promise<
      Record<string, unknown>
    >;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    dataDir = await mkdtemp(join(tmpdir(), 'watchdog-test-'));
  });
  // A fresh database and broker per test: runs of one test never take another's slots.
  beforeEach(async () => {
    infra = new EmbeddedInfra(undefined);
    bus = new Bus({ transport: await infra.transport(), service: 'watchdog-test' });
    await bus.subscribe({
      name: 'seen',
      handlers: [
        on(ScriptCrashed, async (p) => void seen.push({ type: 'ScriptCrashed', payload: p })),
        on(ScriptFinished, async (p) => void seen.push({ type: 'ScriptFinished', payload: p })),
      ],
    });
  });
  afterEach(async () => {
    for (const svc of running.splice(0)) await svc.stop();
    await bus.stopConsuming();
    await infra.close();
  });
  afterAll(async () => {
    await issuer.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts one worker per planned run up to the concurrency limit, queues the rest, removes finished ones', async () => {
    const workers = new FakeRuntime();
    const svc = await start({ WORKER_CONCURRENCY: '2' }, workers);
    for (const id of ['c-1', 'c-2', 'c-3']) await planned(id);
    await waitFor(() => workers.started.length === 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(workers.started.map((s) => s.spec.env.RUN_ID)).toEqual(['c-1', 'c-2']);
    expect(workers.started[0]!.spec).toMatchObject({
      service: 'coolthing/scripts-worker',
      name: 'scripts-worker-c-1-1',
      env: { RUN_ID: 'c-1', RUN_ATTEMPT: '1', MIGRATE_ON_START: 'true' },
    });
    expect(await runOf(svc, 'c-3')).toMatchObject({ status: 'queued', attempts: 0 });
    await finished('c-1');
    workers.of('c-1')[0]!.exit({ code: 0, signal: null });
    await waitFor(() => workers.started.length === 3);
    expect(workers.of('c-3')).toHaveLength(1);
    await waitFor(async () => (await runOf(svc, 'c-1')).status === 'done');
    // A redelivered ScriptRunPlanned changes nothing.
    await planned('c-1');
    await new Promise((r) => setTimeout(r, 200));
    expect(workers.of('c-1')).toHaveLength(1);
  });

  it('restarts a worker that exits without ScriptFinished, with backoff, then fails the run (ScriptCrashed)', async () => {
    const workers = new FakeRuntime();
    const svc = await start({ WORKER_MAX_RESTARTS: '2' }, workers);
    await planned('k-1');
    await waitFor(() => workers.of('k-1').length === 1);
    workers.of('k-1')[0]!.exit({ code: null, signal: 'SIGKILL' });
    await waitFor(() => workers.of('k-1').length === 2);
    expect(workers.of('k-1')[1]!.spec.env.RUN_ATTEMPT).toBe('2');
    // Exit code 0 without ScriptFinished is a crash too (a SIGTERM ends with 0).
    workers.of('k-1')[1]!.exit({ code: 0, signal: null });
    await waitFor(() => workers.of('k-1').length === 3);
    workers.of('k-1')[2]!.exit({ code: 1, signal: null });
    const crashed = await waitFor(() =>
      seen.find((e) => e.type === 'ScriptCrashed' && e.payload.sfc_id === 'k-1'),
    );
    expect(crashed.payload).toMatchObject({ restarts: 2 });
    expect(String(crashed.payload.reason)).toContain('exit code 1');
    await waitFor(() => seen.find((e) => e.type === 'ScriptFinished' && e.payload.sfc_id === 'k-1'));
    expect(await runOf(svc, 'k-1')).toMatchObject({ status: 'failed', attempts: 3, restarts: 3 });
    expect(workers.of('k-1')).toHaveLength(3);
  });

  it('gives the worker its control; stops a queued run at once and an unresponsive worker after the grace', async () => {
    const workers = new FakeRuntime();
    const svc = await start({ WORKER_CONCURRENCY: '1', WORKER_STOP_GRACE_MS: '200' }, workers);
    await planned('s-1');
    await planned('s-2');
    await waitFor(() => workers.of('s-1').length === 1);
    const control = async (id: string, token = TOKEN) =>
      fetch(`${svc.url}/internal/runs/${id}/control`, { headers: { [INTERNAL_TOKEN_HEADER]: token } });
    expect(await (await control('s-1')).json()).toMatchObject({ control: 'run', status: 'running' });
    expect((await control('s-1', 'not-the-token-xxxxxxxxxxxxxxxx')).status).toBe(404);

    await bus.publish(ScriptRunControl, { sfc_id: 's-1', action: 'pause', requested_by: 'op' });
    await waitFor(async () => (await (await control('s-1')).json()).control === 'pause');
    await bus.publish(ScriptRunControl, { sfc_id: 's-2', action: 'stop', requested_by: 'op' });
    const stopped = await waitFor(() =>
      seen.find((e) => e.type === 'ScriptFinished' && e.payload.sfc_id === 's-2'),
    );
    expect(stopped.payload.status).toBe('stopped');
    expect(await runOf(svc, 's-2')).toMatchObject({ status: 'stopped', attempts: 0 });

    // The worker does not react: after the grace the watchdog stops it, and the run ends stopped.
    await bus.publish(ScriptRunControl, { sfc_id: 's-1', action: 'stop', requested_by: 'op' });
    await waitFor(() => workers.of('s-1')[0]!.stopped, { timeoutMs: 5000 });
    await waitFor(async () => (await runOf(svc, 's-1')).status === 'stopped');
    await waitFor(() => seen.find((e) => e.type === 'ScriptFinished' && e.payload.sfc_id === 's-1'));
    expect(workers.of('s-2')).toHaveLength(0);
  });

  it('restarts the runs of a process-driver watchdog that restarted (its workers died with it)', async () => {
    const first = new FakeRuntime();
    const svc = await start({}, first);
    await planned('r-1');
    await waitFor(() => first.of('r-1').length === 1);
    await svc.stop();
    running.splice(running.indexOf(svc), 1);
    expect(first.of('r-1')[0]!.stopped).toBe(true);
    const second = new FakeRuntime();
    const again = await start({}, second);
    await waitFor(() => second.of('r-1').length === 1);
    expect(second.of('r-1')[0]!.spec.env.RUN_ATTEMPT).toBe('2');
    expect(await runOf(again, 'r-1')).toMatchObject({ status: 'running', restarts: 0 });
  });

  it('adopts its docker workers after its own restart instead of starting them again', async () => {
    const docker = await fakeDockerApi({ socketPath: join(dataDir, 'docker.sock') });
    const env = {
      WORKER_DRIVER: 'docker',
      DOCKER_HOST: `unix://${join(dataDir, 'docker.sock')}`,
      WORKER_IMAGE: 'switchyard:test',
    };
    try {
      const svc = await start(env);
      await planned('d-1');
      await waitFor(() => docker.containers.size === 1);
      const id = [...docker.containers.keys()][0]!;
      await waitFor(async () => (await runOf(svc, 'd-1')).status === 'running');
      await svc.stop();
      running.splice(running.indexOf(svc), 1);
      expect(docker.containers.get(id)!.running).toBe(true);

      docker.calls.splice(0);
      const again = await start(env);
      await waitFor(() =>
        docker.calls.some((c) => c.method === 'GET' && c.path === `/v1.44/containers/${id}/json`),
      );
      await new Promise((r) => setTimeout(r, 200));
      expect(docker.calls.filter((c) => c.path.includes('/containers/create'))).toEqual([]);
      await finished('d-1');
      docker.exit(id, 0);
      await waitFor(async () => (await runOf(again, 'd-1')).status === 'done');
      await waitFor(() => docker.containers.size === 0);
    } finally {
      await docker.close();
    }
  });

  it('lets only admins kill a worker; the killed worker is restarted', async () => {
    const workers = new FakeRuntime();
    const svc = await start({}, workers);
    await planned('x-1');
    await waitFor(() => workers.of('x-1').length === 1);
    const kill = async (roles: string[]) =>
      fetch(`${svc.url}/runs/x-1/kill`, { method: 'POST', headers: await as(roles) });
    expect((await kill(['operator'])).status).toBe(403);
    expect((await fetch(`${svc.url}/runs/x-1/kill`, { method: 'POST' })).status).toBe(401);
    expect((await kill(['admin'])).status).toBe(202);
    await waitFor(() => workers.of('x-1').length === 2);
    expect((await fetch(`${svc.url}/runs`, { headers: await as(['viewer']) })).status).toBe(200);
    expect((await fetch(`${svc.url}/runs`)).status).toBe(401);
  });
});
