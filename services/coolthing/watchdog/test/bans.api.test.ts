import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_WORKER_EXIT } from '@switchyard/contracts';
import { sleep, waitFor } from '@switchyard/testing';
import { fakeDockerApi } from '@switchyard/workers/fakes';
import { FakeWorkers, startWorld, type World } from './support';

describe('watchdog: banned accounts, and its own restart', () => {
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

  const accountOf = async (id: string) => {
    const list = await w.internal('GET', '/internal/account-workers?roles=parser,manager');
    return list.body.items.find((a: any) => a.id === id);
  };

  it('marks a banned account, hands its campaign to a reserve account, reports the ban once and starts the replacement', async () => {
    const campaign = await w.campaign();
    const banned = await w.account('parser', { campaignId: campaign });
    const reserve = await w.account('parser', { isReserve: true });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({}, workers);
    await waitFor(() => workers.of(banned).length === 1);
    expect(workers.of(reserve)).toEqual([]);

    workers.of(banned)[0]!.exit({ code: ACCOUNT_WORKER_EXIT.banned, signal: null });
    await waitFor(() => workers.of(reserve).length === 1, { timeoutMs: 10_000 });
    expect(workers.of(reserve)[0]!.spec.env).toMatchObject({ ACCOUNT_ID: reserve, ACCOUNT_ROLE: 'parser' });
    expect(await accountOf(banned)).toMatchObject({ status: 'banned', campaign: null });
    expect(await accountOf(reserve)).toMatchObject({ isReserve: false, campaign: { id: campaign } });
    await waitFor(() => w.bans.some((b) => b.worker_id === banned));
    await sleep(800);
    const reports = w.bans.filter((b) => b.worker_id === banned);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ replaced_by: reserve, source: 'watchdog' });
    expect(await w.worker(svc, banned)).toMatchObject({ status: 'banned', replacedBy: reserve });
    // The banned account gets no new worker.
    expect(workers.of(banned)).toHaveLength(1);
  });

  it("reports a ban the admin shows while the worker still runs (the bot's way), naming the replacement", async () => {
    const campaign = await w.campaign();
    const banned = await w.account('manager', { campaignId: campaign });
    const reserve = await w.account('manager', { isReserve: true });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({ WORKER_BANNED_DRAIN_MS: '1500' }, workers);
    await waitFor(() => workers.of(banned).length === 1);

    // As services/coolthing/bot does: the admin's status only; the worker goes on giving its work back.
    await w.internal('POST', `/internal/accounts/${banned}/status`, {
      status: 'banned',
      reason: 'USER_DEACTIVATED_BAN',
    });
    await waitFor(() => workers.of(reserve).length === 1, { timeoutMs: 10_000 });
    await waitFor(() => w.bans.some((b) => b.worker_id === banned));
    // Reported while the banned account's worker still runs; one that overstays is stopped.
    expect(workers.of(banned)[0]!.stopped).toBe(false);
    await waitFor(() => workers.of(banned)[0]!.stopped, { timeoutMs: 5000 });
    await waitFor(async () => (await w.worker(svc, banned)).status === 'banned');
    expect(await accountOf(reserve)).toMatchObject({ isReserve: false, campaign: { id: campaign } });
    await sleep(800);
    const reports = w.bans.filter((b) => b.worker_id === banned);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      source: 'watchdog',
      replaced_by: reserve,
      comment: 'USER_DEACTIVATED_BAN',
    });
    expect(await w.worker(svc, banned)).toMatchObject({ replacedBy: reserve });
    expect(workers.of(banned)).toHaveLength(1);
  });

  it('reports a ban once when the worker ended with another code before the admin showed it', async () => {
    const campaign = await w.campaign();
    const banned = await w.account('manager', { campaignId: campaign });
    const reserve = await w.account('manager', { isReserve: true });
    const workers = new FakeWorkers();
    // A slow look at the admin: the worker's exit is seen before the ban.
    const svc = await w.startWatchdog({ WATCHDOG_POLL_MS: '1000' }, workers);
    await waitFor(() => workers.of(banned).length === 1);
    await w.internal('POST', `/internal/accounts/${banned}/status`, {
      status: 'banned',
      reason: 'PHONE_NUMBER_BANNED',
    });
    workers.of(banned)[0]!.exit({ code: 0, signal: null });
    await waitFor(() => workers.of(reserve).length === 1, { timeoutMs: 10_000 });
    await waitFor(() => w.bans.some((b) => b.worker_id === banned));
    await sleep(2500);
    const reports = w.bans.filter((b) => b.worker_id === banned);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ source: 'watchdog', replaced_by: reserve });
    expect((await accountOf(banned)).status).toBe('banned');
    expect(await w.worker(svc, banned)).toMatchObject({ replacedBy: reserve });
    // Not started again.
    expect(workers.of(banned)).toHaveLength(1);
  });

  it('reports a ban without a replacement when the reserve pool is empty', async () => {
    const banned = await w.account('manager', { campaignId: await w.campaign() });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({}, workers);
    // Reserve managers of earlier tests took over already; none is left.
    await waitFor(() => workers.of(banned).length === 1);
    workers.of(banned)[0]!.exit({ code: ACCOUNT_WORKER_EXIT.banned, signal: null });
    await waitFor(() => w.bans.some((b) => b.worker_id === banned));
    expect(w.bans.find((b) => b.worker_id === banned)).toMatchObject({
      replaced_by: null,
      source: 'watchdog',
    });
    // A reserve account added later takes over then, without another report.
    const reserve = await w.account('manager', { isReserve: true });
    await waitFor(() => workers.of(reserve).length === 1, { timeoutMs: 10_000 });
    expect((await w.worker(svc, banned)).replacedBy).toBe(reserve);
    await sleep(300);
    expect(w.bans.filter((b) => b.worker_id === banned)).toHaveLength(1);
  });

  it('adopts its docker workers after its own restart instead of starting them again', async () => {
    const parser = await w.account('parser', { campaignId: await w.campaign() });
    const socket = join(w.dataDir, 'docker.sock');
    const docker = await fakeDockerApi({ socketPath: socket });
    const env = { WORKER_DRIVER: 'docker', DOCKER_HOST: `unix://${socket}`, WORKER_IMAGE: 'switchyard:test' };
    try {
      const svc = await w.startWatchdog(env);
      const created = () => docker.calls.filter((c) => c.path.includes('/containers/create'));
      const mine = () => created().filter((c) => (c.body as any).Env.includes(`ACCOUNT_ID=${parser}`));
      await waitFor(() => mine().length === 1);
      expect(mine()[0]!.body).toMatchObject({
        Cmd: ['coolthing/parser'],
        Labels: { 'switchyard/account': parser, 'switchyard/role': 'parser', 'switchyard/service': 'parser' },
      });
      await waitFor(async () => (await w.worker(svc, parser)).status === 'running');
      const { worker: id } = await w.worker(svc, parser);
      await svc.stop();
      w.watchdogs.splice(w.watchdogs.indexOf(svc), 1);
      expect(docker.containers.get(id)!.running).toBe(true);

      docker.calls.splice(0);
      const again = await w.startWatchdog(env);
      await waitFor(() =>
        docker.calls.some((c) => c.method === 'GET' && c.path === `/v1.44/containers/${id}/json`),
      );
      await sleep(500);
      expect(mine()).toEqual([]);
      // It supervises the adopted worker: a crash is restarted as a new container.
      docker.exit(id, 1);
      await waitFor(() => mine().length === 1, { timeoutMs: 10_000 });
      // The ended container is removed, by the id it was created under (the original never
      // removed its containers, and deleted by another key than it created with).
      await waitFor(() => !docker.containers.has(id));
      expect(
        docker.calls.some((c) => c.method === 'DELETE' && c.path.startsWith(`/v1.44/containers/${id}?`)),
      ).toBe(true);
      expect((await w.worker(again, parser)).attempts).toBe(2);
    } finally {
      for (const svc of w.watchdogs.splice(0)) await svc.stop();
      await docker.close();
    }
  });
});
