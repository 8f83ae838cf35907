import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountFloodWait, ACCOUNT_WORKER_EXIT } from '@switchyard/contracts';
import { sleep, waitFor } from '@switchyard/testing';
import { FakeWorkers, startWorld, type World } from './support';

describe('watchdog: health and restarts', () => {
  let w: World;

  beforeAll(async () => {
    w = await startWorld();
  });
  afterEach(async () => {
    for (const svc of w.watchdogs.splice(0)) await svc.stop();
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('restarts a crashed worker with a doubling backoff', async () => {
    const parser = await w.account('parser', { campaignId: await w.campaign() });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({ WORKER_RESTART_BACKOFF_MS: '400' }, workers);
    await waitFor(() => workers.of(parser).length === 1);
    const gaps: number[] = [];
    for (let n = 1; n <= 3; n++) {
      const crashedAt = Date.now();
      workers.of(parser)[n - 1]!.exit({ code: 1, signal: null });
      await waitFor(() => workers.of(parser).length === n + 1, { timeoutMs: 15_000 });
      gaps.push(Date.now() - crashedAt);
    }
    // 400, 800, 1600 ms (give or take a poll).
    expect(gaps[0]).toBeGreaterThanOrEqual(380);
    expect(gaps[1]).toBeGreaterThanOrEqual(780);
    expect(gaps[2]).toBeGreaterThanOrEqual(1580);
    expect(gaps[2]!).toBeGreaterThan(gaps[1]!);
    expect(workers.of(parser)[3]!.spec.env.WORKER_ATTEMPT).toBe('4');
    expect(await w.worker(svc, parser)).toMatchObject({
      status: 'running',
      attempts: 4,
      restarts: 3,
      crashes: 3,
      lastExit: 'exit code 1',
    });
    expect(workers.live(parser)).toHaveLength(1);
  });

  it('starts the backoff over after a healthy period', async () => {
    const parser = await w.account('parser', { campaignId: await w.campaign() });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({ WORKER_HEALTHY_AFTER_MS: '700' }, workers);
    await waitFor(() => workers.of(parser).length === 1);
    workers.of(parser)[0]!.exit({ code: 1, signal: null });
    await waitFor(() => workers.of(parser).length === 2);
    workers.of(parser)[1]!.exit({ code: 1, signal: null });
    await waitFor(() => workers.of(parser).length === 3);
    expect((await w.worker(svc, parser)).restarts).toBe(2);
    await sleep(800);
    workers.of(parser)[2]!.exit({ code: 1, signal: null });
    await waitFor(() => workers.of(parser).length === 4);
    expect(await w.worker(svc, parser)).toMatchObject({ restarts: 1, crashes: 1 });
  });

  it('kills and restarts a worker that stops sending heartbeats', async () => {
    const parser = await w.account('parser', { campaignId: await w.campaign() });
    const manager = await w.account('manager', { campaignId: await w.campaign() });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({ WORKER_SILENCE_MS: '800' }, workers);
    await waitFor(() => workers.of(parser).length === 1 && workers.of(manager).length === 1);
    // Alive as long as it speaks.
    for (let i = 0; i < 10; i++) {
      await w.heartbeat(parser, 'parser', `parser:${parser}:a`);
      await sleep(150);
    }
    expect(workers.of(parser)[0]!.killed).toBe(false);
    expect(await w.worker(svc, parser)).toMatchObject({
      holder: `parser:${parser}:a`,
      workerState: 'running',
    });
    // Silence.
    await waitFor(() => workers.of(parser)[0]!.killed, { timeoutMs: 5000 });
    await waitFor(() => workers.of(parser).length === 2);
    expect((await w.worker(svc, parser)).crashes).toBe(1);
    // A manager's worker (the bot) sends no heartbeats: its process alone tells, it is left alone.
    expect(workers.of(manager)).toHaveLength(1);
    expect(workers.of(manager)[0]!.killed).toBe(false);
  });

  it('lets a worker wait out a flood wait, and retries one that found the session lease held', async () => {
    const parser = await w.account('parser', { campaignId: await w.campaign() });
    const leased = await w.account('parser', { campaignId: await w.campaign() });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog(
      { WORKER_FLOOD_RETRY_MS: '200', WORKER_LEASE_RETRY_MS: '500' },
      workers,
    );
    await waitFor(() => workers.of(parser).length === 1 && workers.of(leased).length === 1);

    // The worker reports the flood wait (the admin records it) and exits with its code.
    const until = Date.now() + 2500;
    await w.bus.publish(AccountFloodWait, {
      account_id: parser,
      seconds: 3,
      until: new Date(until).toISOString(),
    });
    await waitFor(async () => {
      const list = await w.internal('GET', '/internal/account-workers?roles=parser');
      return list.body.items.find((a: any) => a.id === parser)?.status === 'flood_wait';
    });
    workers.of(parser)[0]!.exit({ code: ACCOUNT_WORKER_EXIT.floodWait, signal: null });
    await waitFor(() => workers.of(parser).length === 2, { timeoutMs: 10_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(until - 50);

    const exitedAt = Date.now();
    workers.of(leased)[0]!.exit({ code: ACCOUNT_WORKER_EXIT.leaseHeld, signal: null });
    await waitFor(() => workers.of(leased).length === 2);
    expect(Date.now() - exitedAt).toBeGreaterThanOrEqual(480);
    // Neither is a crash.
    expect(await w.worker(svc, leased)).toMatchObject({ crashes: 0, restarts: 0 });
    expect(await w.worker(svc, parser)).toMatchObject({ crashes: 0 });
  });

  it('does not start a worker while another holds the session lease', async () => {
    const parser = await w.account('parser', { campaignId: await w.campaign() });
    const lease = await w.internal('POST', `/internal/accounts/${parser}/lease`, {
      holder: 'elsewhere:1',
      ttlSeconds: 60,
    });
    expect(lease.status).toBeLessThan(300);
    const workers = new FakeWorkers();
    await w.startWatchdog({}, workers);
    await sleep(700);
    expect(workers.of(parser)).toEqual([]);
    const released = await w.internal('DELETE', `/internal/accounts/${parser}/lease?holder=elsewhere:1`);
    expect(released.status).toBeLessThan(300);
    await waitFor(() => workers.of(parser).length === 1);
  });

  it('gives up on a worker that keeps crashing: the account is stopped in the admin', async () => {
    const parser = await w.account('parser', { campaignId: await w.campaign() });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({ WORKER_MAX_CRASHES: '2', WORKER_RESTART_BACKOFF_MS: '50' }, workers);
    for (let n = 1; n <= 3; n++) {
      await waitFor(() => workers.of(parser).length === n);
      workers.of(parser)[n - 1]!.exit({ code: 1, signal: null });
    }
    await waitFor(async () => (await w.worker(svc, parser)).status === 'failed');
    const list = await w.internal('GET', '/internal/account-workers?roles=parser');
    const account = list.body.items.find((a: any) => a.id === parser);
    expect(account.status).toBe('stopped');
    expect(account.statusReason).toContain('crashed 3 times');
    await sleep(500);
    expect(workers.of(parser)).toHaveLength(3);
  });

  it('lets only admins kill a worker; the killed worker is restarted', async () => {
    const parser = await w.account('parser', { campaignId: await w.campaign() });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({}, workers);
    await waitFor(() => workers.of(parser).length === 1);
    const kill = (roles: string[] | null, id = parser) =>
      w.api('POST', `${svc.url}/workers/${id}/kill`, { roles });
    expect((await kill(null)).status).toBe(401);
    expect((await kill(['operator'])).status).toBe(403);
    expect((await kill(['viewer'])).status).toBe(403);
    expect((await kill(['admin'], 'no-such-account')).status).toBe(404);
    const bad = await kill(['admin'], 'bad%20id');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 400 });
    expect((await kill(['admin'])).status).toBe(202);
    expect(workers.of(parser)[0]!.killed).toBe(true);
    await waitFor(() => workers.of(parser).length === 2);
    expect((await w.worker(svc, parser)).crashes).toBe(1);
    const list = await w.api('GET', `${svc.url}/workers?role=parser`, { roles: ['viewer'] });
    expect(list.status).toBe(200);
    expect(list.body.items.some((i: any) => i.accountId === parser)).toBe(true);
    expect((await w.api('GET', `${svc.url}/workers`, { roles: null })).status).toBe(401);
    expect((await w.api('GET', `${svc.url}/workers?status=nonsense`, { roles: ['viewer'] })).status).toBe(
      400,
    );
  });

  it('starts the workers again after its own restart with the process driver (they ended with it)', async () => {
    const parser = await w.account('parser', { campaignId: await w.campaign() });
    const first = new FakeWorkers();
    const svc = await w.startWatchdog({}, first);
    await waitFor(() => first.of(parser).length === 1);
    await svc.stop();
    w.watchdogs.splice(w.watchdogs.indexOf(svc), 1);
    expect(first.of(parser)[0]!.stopped).toBe(true);
    const second = new FakeWorkers();
    const again = await w.startWatchdog({}, second);
    await waitFor(() => second.of(parser).length === 1);
    expect(second.of(parser)[0]!.spec.env.WORKER_ATTEMPT).toBe('2');
    // No fault of the worker's: no crash counted.
    expect(await w.worker(again, parser)).toMatchObject({ status: 'running', crashes: 0, restarts: 0 });
  });
});
