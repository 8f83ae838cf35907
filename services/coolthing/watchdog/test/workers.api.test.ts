import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sleep, waitFor } from '@switchyard/testing';
import { FakeWorkers, startWorld, type World } from './support';

describe('watchdog: which accounts get a worker', () => {
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

  // The campaigns here have no LLM profile: the original's INNER JOIN on GPT settings silently
  // left such campaigns' workers out.
  it('starts one worker per wanted account, none for reserve, paused-campaign or unassigned accounts', async () => {
    const active = await w.campaign();
    const paused = await w.campaign();
    await w.api('PATCH', `${w.admin.url}/campaigns/${paused}`, {
      roles: ['operator'],
      body: { status: 'paused' },
    });
    const parser = await w.account('parser', { campaignId: active });
    const manager = await w.account('manager', { campaignId: active });
    const reserve = await w.account('parser', { isReserve: true });
    const onPaused = await w.account('parser', { campaignId: paused });
    const unassigned = await w.account('manager');

    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({}, workers);
    await waitFor(() => workers.of(parser).length === 1 && workers.of(manager).length === 1);
    expect(workers.of(parser)[0]!.spec).toMatchObject({
      service: 'coolthing/parser',
      name: expect.stringMatching(/^parser-.+-1$/),
      env: { ACCOUNT_ID: parser, ACCOUNT_ROLE: 'parser', WORKER_ATTEMPT: '1', MIGRATE_ON_START: 'true' },
    });
    // Workers fetch their session from the admin under the lease: none travels in their
    // environment (the original put session strings in files and URLs).
    for (const spec of [workers.of(parser)[0]!.spec, workers.of(manager)[0]!.spec])
      expect(Object.keys(spec.env).filter((k) => /SESSION|API_HASH|SECRET/.test(k))).toEqual([]);
    expect(workers.of(manager)[0]!.spec).toMatchObject({
      service: 'coolthing/bot',
      env: { ACCOUNT_ID: manager, ACCOUNT_ROLE: 'manager' },
    });
    // Many polls later: still one worker each, and none for the others.
    await sleep(600);
    expect(workers.of(parser)).toHaveLength(1);
    expect(workers.of(manager)).toHaveLength(1);
    for (const id of [reserve, onPaused, unassigned]) expect(workers.of(id)).toEqual([]);
    expect(await w.worker(svc, parser)).toMatchObject({
      status: 'running',
      role: 'parser',
      attempts: 1,
      supervisedBy: 'wd-test',
      driver: 'process',
    });

    // The campaign pauses: its workers stop, and are not started again.
    await w.api('PATCH', `${w.admin.url}/campaigns/${active}`, {
      roles: ['operator'],
      body: { status: 'paused' },
    });
    await waitFor(() => workers.of(parser)[0]!.stopped && workers.of(manager)[0]!.stopped);
    await waitFor(async () => (await w.worker(svc, parser)).status === 'stopped');
    expect((await w.worker(svc, parser)).reason).toBe('campaign paused');
    await sleep(400);
    expect(workers.of(parser)).toHaveLength(1);
  });

  it('stops the worker of an account the admin stopped', async () => {
    const campaign = await w.campaign();
    const parser = await w.account('parser', { campaignId: campaign });
    const workers = new FakeWorkers();
    const svc = await w.startWatchdog({}, workers);
    await waitFor(() => workers.of(parser).length === 1);
    const stopped = await w.internal('POST', `/internal/accounts/${parser}/stop`, {
      reason: 'operator said so',
    });
    expect(stopped.status).toBe(200);
    await waitFor(() => workers.of(parser)[0]!.stopped);
    await waitFor(async () => (await w.worker(svc, parser)).status === 'stopped');
    expect((await w.worker(svc, parser)).reason).toBe('account stopped');
  });

  it('keeps going when the admin answers nonsense or not at all (the original blocked its loop on an unknown role)', async () => {
    const campaign = await w.campaign();
    const parser = await w.account('parser', { campaignId: campaign });
    let calls = 0;
    // In front of the admin: the first answers are broken, then the real ones pass through.
    const proxy = createServer(async (req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ items: [{ id: 'x', role: 'robot' }] }));
      }
      if (calls === 2) {
        res.writeHead(500, { 'content-type': 'application/json' });
        return res.end('{}');
      }
      const upstream = await fetch(`${w.admin.url}${req.url}`, {
        headers: Object.fromEntries(
          Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'),
        ),
      });
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'text/plain',
      });
      res.end(await upstream.text());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const workers = new FakeWorkers();
      await w.startWatchdog({ SERVICE_URL_COOLTHING_ADMIN: url }, workers);
      await waitFor(() => workers.of(parser).length === 1, { timeoutMs: 10_000 });
      expect(calls).toBeGreaterThan(2);
    } finally {
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  });
});
