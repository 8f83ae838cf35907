import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountBanned, ACCOUNT_WORKER_EXIT } from '@switchyard/contracts';
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

  it("does not report again a ban the worker reported itself (the bot's way: AccountBanned, then exit)", async () => {
    const campaign = await w.campaign();
    const banned = await w.account('manager', { campaignId: campaign });
    const reserve = await w.account('manager', { isReserve: true });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({ WORKER_BANNED_DRAIN_MS: '1500' }, workers);
    await waitFor(() => workers.of(banned).length === 1);

    // As services/coolthing/bot does: AccountBanned and the admin's status, then an exit of its own.
    await (
      await botBus()
    ).publish(AccountBanned, {
      worker_id: banned,
      comment: 'banned while sending (USER_DEACTIVATED_BAN)',
      replaced_by: null,
    });
    await w.internal('POST', `/internal/accounts/${banned}/status`, {
      status: 'banned',
      reason: 'USER_DEACTIVATED_BAN',
    });
    await waitFor(() => workers.of(reserve).length === 1, { timeoutMs: 10_000 });
    // The banned account's worker has time to give its work back; one that overstays is stopped.
    expect(workers.of(banned)[0]!.stopped).toBe(false);
    await waitFor(() => workers.of(banned)[0]!.stopped, { timeoutMs: 5000 });
    await waitFor(async () => (await w.worker(svc, banned)).status === 'banned');
    expect(await accountOf(reserve)).toMatchObject({ isReserve: false, campaign: { id: campaign } });
    await sleep(800);
    const reports = w.bans.filter((b) => b.worker_id === banned);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.source).toBe('bot');
    expect(workers.of(banned)).toHaveLength(1);
  });

  it("also waits for the worker's own report when it exits with the banned code", async () => {
    const banned = await w.account('parser', { campaignId: await w.campaign() });
    const reserve = await w.account('parser', { isReserve: true });
    const workers = new FakeWorkers();
    await w.startWatchdog({ WORKER_BAN_GRACE_MS: '500' }, workers);
    await waitFor(() => workers.of(banned).length === 1);
    workers.of(banned)[0]!.exit({ code: ACCOUNT_WORKER_EXIT.banned, signal: null });
    await (
      await botBus()
    ).publish(AccountBanned, { worker_id: banned, comment: 'banned', replaced_by: null });
    await waitFor(() => workers.of(reserve).length === 1, { timeoutMs: 10_000 });
    await sleep(800);
    expect(w.bans.filter((b) => b.worker_id === banned)).toHaveLength(1);
    expect((await accountOf(banned)).status).toBe('banned');
  });

  it('reports a ban without a replacement when the reserve pool is empty', async () => {
    const banned = await w.account('manager', { campaignId: await w.campaign() });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({}, workers);
    // Reserve managers of earlier tests took over already; none is left.
    await waitFor(() => workers.of(banned).length === 1);
    workers.of(banned)[0]!.exit({ code: ACCOUNT_WORKER_EXIT.banned, signal: null });
    await waitFor(() => w.bans.some((b) => b.worker_id === banned));
    expect(w.bans.find((b) => b.worker_id === banned)).toMatchObject({ replaced_by: null });
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

  const botBus = async () => {
    const { Bus } = await import('@switchyard/bus');
    return new Bus({ transport: await w.infra.transport(), service: 'bot' });
  };
});
