import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedInfra, startService } from '@switchyard/kit';
import { startTestIssuer, waitFor } from '@switchyard/testing';
import { service as adminService } from '../src/main';
import { scriptsProbe, startHarness, type Harness } from './support';

describe('embedded demo data', () => {
  describe('with a sandbox that lets fellow services control its world', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        env: { COOLTHING_DEMO: 'true' },
        sandboxEnv: { SANDBOX_CONTROL_AUTH: 'open' },
      });
    });
    afterAll(async () => h?.stop());

    const counts = async () => ({
      chats: (await h.api('GET', '/chats?tag=demo&limit=1', { as: 'viewer' })).body.total,
      accounts: (await h.api('GET', '/accounts?tag=demo&limit=1', { as: 'viewer' })).body.total,
      campaigns: (await h.api('GET', '/campaigns?scope=demo&limit=1', { as: 'viewer' })).body.total,
      scripts: (await h.api('GET', '/scripts?limit=1', { as: 'viewer' })).body.total,
    });

    it('signs in the actors, registers owned chats and a scripts campaign; a run starts from its activation body', async () => {
      const demo = await waitFor(
        async () => {
          const res = await h.api('GET', '/demo', { as: 'viewer' });
          return res.body.state === 'ready' ? res.body : null;
        },
        { timeoutMs: 20_000, message: 'demo data' },
      );
      expect(demo.accountIds).toHaveLength(3);
      expect(demo.activation.chatIds.length).toBeGreaterThan(0);
      const chats = (await h.api('GET', '/chats?tag=demo&limit=100', { as: 'viewer' })).body.items;
      expect(chats.length).toBeGreaterThanOrEqual(10);
      expect(chats.every((c: { permission: string }) => c.permission === 'owned')).toBe(true);
      const campaign = (await h.api('GET', `/campaigns/${demo.campaignId}`, { as: 'viewer' })).body;
      expect(campaign).toMatchObject({ type: 'scripts', status: 'active', name: 'Hive Coworking (demo)' });
      const accounts = (await h.api('GET', '/accounts?tag=demo', { as: 'viewer' })).body.items;
      expect(accounts.map((a: { username: string }) => a.username).sort()).toEqual([
        'demo_actor_1',
        'demo_actor_2',
        'demo_actor_3',
      ]);

      const probe = await scriptsProbe(h);
      const run = await h.api('POST', '/script-runs', { as: 'operator', body: demo.activation });
      expect(run.status, run.text).toBe(201);
      await waitFor(() => probe.of('NewActiveScript').length === 1, { message: 'NewActiveScript' });
    });

    it('does everything once: a restarted admin adds nothing', async () => {
      const before = await counts();
      await h.admin.stop();
      const again = await startService(adminService, { infra: h.infra, env: h.adminEnv });
      h.admin = again;
      await waitFor(async () => (await h.api('GET', '/demo', { as: 'viewer' })).body.state === 'ready', {
        timeoutMs: 20_000,
        message: 'demo after restart',
      });
      expect(await counts()).toEqual(before);
    });
  });

  describe('with a sandbox that trusts fellow services (SANDBOX_CONTROL_AUTH=roles, the npm start default)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ env: { COOLTHING_DEMO: 'true' } });
    });
    afterAll(async () => h?.stop());

    it('signs the demo accounts in with the internal token', async () => {
      const demo = await waitFor(
        async () => {
          const res = await h.api('GET', '/demo', { as: 'viewer' });
          return res.body.state === 'ready' ? res.body : null;
        },
        { timeoutMs: 30_000, message: 'demo ready' },
      );
      expect(demo.campaignId).toEqual(expect.any(String));
    });
  });

  describe("with a sandbox that refuses world control (another deployment's internal token)", () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        env: { COOLTHING_DEMO: 'true' },
        sandboxEnv: { INTERNAL_API_TOKEN: 'a-different-internal-token-0123456789' },
      });
    });
    afterAll(async () => h?.stop());

    it('sets up chats, script and campaign, and says why the accounts are missing', async () => {
      const demo = await waitFor(
        async () => {
          const res = await h.api('GET', '/demo', { as: 'viewer' });
          return res.body.state === 'waiting_for_sandbox_control' ? res.body : null;
        },
        { timeoutMs: 20_000, message: 'demo state' },
      );
      expect(demo.detail).toMatch(/SANDBOX_CONTROL_AUTH/);
      expect(demo.campaignId).toEqual(expect.any(String));
      expect(demo.activation).toBeNull();
      expect((await h.api('GET', '/chats?tag=demo&limit=1', { as: 'viewer' })).body.total).toBeGreaterThan(0);
    });
  });

  it('never holds readiness back while the sandbox is away', async () => {
    const issuer = await startTestIssuer();
    const infra = new EmbeddedInfra(undefined);
    const dataDir = await mkdtemp(join(tmpdir(), 'admin-demo-'));
    const admin = await startService(adminService, {
      infra,
      env: {
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        AUTH_JWKS_URL: issuer.jwksUrl,
        SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX: 'http://127.0.0.1:9',
        COOLTHING_DEMO: 'true',
      },
    });
    try {
      expect((await fetch(`${admin.url}/readyz`)).status).toBe(200);
      const token = await issuer.sign({ sub: 'v', roles: ['viewer'] });
      const demo = await waitFor(
        async () => {
          const res = await fetch(`${admin.url}/demo`, { headers: { authorization: `Bearer ${token}` } });
          const body = (await res.json()) as { state: string; detail: string | null };
          return body.detail ? body : null;
        },
        { message: 'a failed attempt' },
      );
      expect(demo.state).toBe('waiting_for_sandbox');
    } finally {
      await admin.stop();
      await infra.close();
      await issuer.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
