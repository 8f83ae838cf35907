import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from '@switchyard/bus';
import { NewActiveScript, ScriptRunPlanned, ScriptRunRejected } from '@switchyard/contracts';
import { coworkingScript, runPlanSchema } from '@switchyard/coolthing-script';
import { EmbeddedInfra, INTERNAL_TOKEN_HEADER, on, startService, type RunningService } from '@switchyard/kit';
import { startTestIssuer, waitFor, type TestIssuer } from '@switchyard/testing';
import { service } from '../src/main';

const TOKEN = 'scripts-test-internal-token-0123456789';

/** Admin's internal run API as its contract says (admin's own tests cover admin). */
function snapshot(id: string, over: { accountStatus?: string; permission?: string; role?: string } = {}) {
  const accounts = ['a-1', 'a-2', 'a-3'].map((accountId, i) => ({
    id: accountId,
    status: i === 1 && over.accountStatus ? over.accountStatus : 'active',
    role: i === 2 && over.role ? over.role : 'actor',
    firstName: ['Anna', 'Max', 'Olga'][i],
    lastName: null,
    username: ['anna_p', 'max_works', 'olga_s'][i],
    telegramUserId: String(1000 + i),
    floodWaitUntil: null,
  }));
  return {
    sfc: {
      id,
      status: 'queued',
      seed: 'seed-1',
      createdAt: new Date().toISOString(),
      campaignId: 'camp-1',
      scriptId: 'script-1',
      scriptVersion: 1,
      scriptName: coworkingScript.name,
      mapping: { '1': 'a-1', '2': 'a-2', '3': 'a-3' },
      chatIds: ['ch-1', 'ch-2'],
      requestedBy: 'u-1',
      attempt: 1,
      startedAt: null,
      finishedAt: null,
    },
    script: coworkingScript,
    campaign: {
      id: 'camp-1',
      name: 'Hive Coworking',
      type: 'scripts',
      status: 'active',
      pacing: {},
      schedule: {},
      caps: {},
    },
    chats: [
      {
        id: 'ch-1',
        link: 'https://t.me/riverside',
        username: 'riverside',
        telegramId: '-1001',
        title: 'Riverside',
        permission: 'owned',
        kind: 'supergroup',
        language: 'en',
      },
      {
        id: 'ch-2',
        link: null,
        username: null,
        telegramId: '-1002',
        title: 'Freelancers',
        permission: over.permission ?? 'permitted',
        kind: 'group',
        language: 'en',
      },
    ],
    accounts,
  };
}

describe('scripts: planning activated runs', () => {
  let issuer: TestIssuer;
  let infra: EmbeddedInfra;
  let bus: Bus;
  let svc: RunningService;
  let admin: Server;
  let dataDir: string;
  const answers = new Map<string, () => { status: number; body?: unknown }>();
  const adminCalls: { path: string; token: string | undefined }[] = [];
  const seen: { type: string; payload: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    issuer = await startTestIssuer();
    dataDir = await mkdtemp(join(tmpdir(), 'scripts-test-'));
    admin = createServer((req, res) => {
      adminCalls.push({
        path: req.url ?? '',
        token: req.headers[INTERNAL_TOKEN_HEADER] as string | undefined,
      });
      const id = /^\/internal\/script-runs\/([^/]+)$/.exec(req.url ?? '')?.[1];
      const answer = id ? answers.get(id)?.() : undefined;
      res.writeHead(answer?.status ?? 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer?.body ?? { title: 'Not found', status: 404 }));
    });
    await new Promise<void>((r) => admin.listen(0, '127.0.0.1', r));
    infra = new EmbeddedInfra(undefined);
    bus = new Bus({ transport: await infra.transport(), service: 'scripts-test' });
    await bus.subscribe({
      name: 'seen',
      handlers: [
        on(ScriptRunPlanned, async (p) => void seen.push({ type: 'planned', payload: p })),
        on(ScriptRunRejected, async (p) => void seen.push({ type: 'rejected', payload: p })),
      ],
    });
    svc = await startService(service, {
      infra,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        AUTH_JWKS_URL: issuer.jwksUrl,
        INTERNAL_API_TOKEN: TOKEN,
        SERVICE_URL_COOLTHING_ADMIN: `http://127.0.0.1:${(admin.address() as { port: number }).port}`,
      },
    });
  });
  afterAll(async () => {
    await svc?.stop();
    await bus.stopConsuming();
    await infra.close();
    await new Promise<void>((r) => admin.close(() => r()));
    await issuer.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const activate = (id: string) => bus.publish(NewActiveScript, { script_for_campaign_id: id });
  const decision = (id: string) => waitFor(() => seen.find((e) => e.payload.sfc_id === id));
  const internal = (path: string, token = TOKEN) =>
    fetch(`${svc.url}${path}`, { headers: { [INTERNAL_TOKEN_HEADER]: token } });

  it('plans a run from admin’s data (with the internal token) and hands the plan to its worker', async () => {
    answers.set('run-ok', () => ({ status: 200, body: snapshot('run-ok') }));
    const t0 = Date.now();
    await activate('run-ok');
    const event = await decision('run-ok');
    expect(event).toEqual({ type: 'planned', payload: { sfc_id: 'run-ok', chats: 2, lines: 16 } });
    expect(adminCalls.find((c) => c.path === '/internal/script-runs/run-ok')?.token).toBe(TOKEN);

    const res = await internal('/internal/runs/run-ok/plan');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      plan: unknown;
      targets: unknown;
      accounts: unknown;
      campaignId: string;
    };
    const plan = runPlanSchema.parse(doc.plan);
    expect(plan.seed).toBe('seed-1');
    expect(plan.startAt).toBeGreaterThanOrEqual(t0);
    expect(plan.chats.map((c) => c.chatId)).toEqual(['ch-1', 'ch-2']);
    expect(plan.chats[0]!.lines.map((l) => l.accountId)).toEqual([
      'a-1',
      'a-2',
      'a-3',
      'a-2',
      'a-1',
      'a-2',
      'a-3',
      'a-2',
    ]);
    expect(plan.chats[0]!.lines[6]!.text).toContain('@max_works');
    expect(doc.targets).toEqual([
      { chatId: 'ch-1', ref: 'https://t.me/riverside', title: 'Riverside', telegramId: '-1001' },
      { chatId: 'ch-2', ref: '-1002', title: 'Freelancers', telegramId: '-1002' },
    ]);
    expect(doc.campaignId).toBe('camp-1');
    // Fellow services only: the endpoint does not exist for anyone else.
    expect((await internal('/internal/runs/run-ok/plan', 'x'.repeat(40))).status).toBe(404);
    expect((await fetch(`${svc.url}/internal/runs/run-ok/plan`)).status).toBe(404);
  });

  it('is idempotent: a second NewActiveScript for the same run plans nothing and publishes nothing', async () => {
    await activate('run-ok');
    await activate('run-ok');
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.filter((e) => e.payload.sfc_id === 'run-ok')).toHaveLength(1);
    expect(adminCalls.filter((c) => c.path === '/internal/script-runs/run-ok')).toHaveLength(1);
  });

  it('checks accounts, permissions and roles again: what changed since activation rejects the run', async () => {
    answers.set('run-banned', () => ({
      status: 200,
      body: snapshot('run-banned', { accountStatus: 'banned', permission: 'unknown', role: 'parser' }),
    }));
    await activate('run-banned');
    const event = await decision('run-banned');
    expect(event.type).toBe('rejected');
    expect(event.payload.problems).toEqual([
      'chat ch-2 (Freelancers) has no recorded permission to post (unknown)',
      'account a-2 (role 2) is banned, not active',
      'account a-3 (role 3) is a parser account, not an actor',
    ]);
    expect((await internal('/internal/runs/run-banned/plan')).status).toBe(404);
    const view = await fetch(`${svc.url}/runs/run-banned`, {
      headers: { authorization: `Bearer ${await issuer.sign({ sub: 'u', roles: ['viewer'] })}` },
    });
    expect(await view.json()).toMatchObject({ status: 'rejected', plan: null });
  });

  it('retries while admin is down instead of dropping the activation (the original acked in finally)', async () => {
    let calls = 0;
    answers.set('run-later', () =>
      ++calls <= 3 ? { status: 503 } : { status: 200, body: snapshot('run-later') },
    );
    await activate('run-later');
    const event = await waitFor(() => seen.find((e) => e.payload.sfc_id === 'run-later'), {
      timeoutMs: 15_000,
    });
    expect(event.type).toBe('planned');
    // The HTTP client's own retries (3) gave up; the bus redelivered the event later.
    expect(calls).toBeGreaterThanOrEqual(4);
  });

  it('rejects (never loses) a run admin does not know or answers wrongly for', async () => {
    await activate('run-unknown');
    expect((await decision('run-unknown')).payload.problems).toEqual(['admin does not know this run']);
    answers.set('run-garbled', () => ({ status: 200, body: { sfc: { id: 'run-garbled' } } }));
    await activate('run-garbled');
    const garbled = await decision('run-garbled');
    expect(garbled.type).toBe('rejected');
    expect(String((garbled.payload.problems as string[])[0])).toContain('admin answered an invalid run');
  });

  it('shows runs to operators and viewers only', async () => {
    const token = async (roles: string[]) => `Bearer ${await issuer.sign({ sub: 'u', roles })}`;
    expect((await fetch(`${svc.url}/runs`)).status).toBe(401);
    expect(
      (await fetch(`${svc.url}/runs`, { headers: { authorization: await token(['user']) } })).status,
    ).toBe(403);
    const list = await fetch(`${svc.url}/runs?status=planned&limit=10`, {
      headers: { authorization: await token(['operator']) },
    });
    const body = (await list.json()) as { items: { sfcId: string }[]; total: number };
    expect(body.items.map((r) => r.sfcId)).toEqual(expect.arrayContaining(['run-ok', 'run-later']));
    expect(body.total).toBe(body.items.length);
    expect(
      (await fetch(`${svc.url}/runs?limit=1000`, { headers: { authorization: await token(['admin']) } }))
        .status,
    ).toBe(400);
  });
});
