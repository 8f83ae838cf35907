// The original admin's bugs (reference/coolthing-original.md §6: Security, Admin forms, Admin
// views, Scripts runs), one test each, showing they are absent here.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptStarted } from '@switchyard/contracts';
import { coworkingScript } from '@switchyard/coolthing-script';
import { startService } from '@switchyard/kit';
import { waitFor } from '@switchyard/testing';
import { service as adminService } from '../src/main';
import { ACTOR_PHONES, onboard, publishAs, scriptsProbe, startHarness, type Harness } from './support';

describe("the original admin's bugs are absent", () => {
  let h: Harness;
  let actors: string[];
  let chatId: string;
  let scriptId: string;
  let campaignId: string;

  beforeAll(async () => {
    h = await startHarness();
    actors = [];
    for (const phone of ACTOR_PHONES) actors.push((await onboard(h, phone)).id);
    const world = (await h.world('GET', '/world/chats')).items.find(
      (c: { isPrivate: boolean; isAdminChat: boolean }) => !c.isPrivate && !c.isAdminChat,
    );
    chatId = (
      await h.api('POST', '/chats', {
        as: 'admin',
        body: { telegramId: world.id, title: world.title, permission: 'owned' },
      })
    ).body.id;
    scriptId = (await h.api('POST', '/scripts', { as: 'operator', body: coworkingScript })).body.id;
    campaignId = (
      await h.api('POST', '/campaigns', {
        as: 'operator',
        body: { name: 'Hive', type: 'scripts', targetChatIds: [chatId] },
      })
    ).body.id;
  });
  afterAll(async () => h?.stop());

  describe('Security', () => {
    it('keeps no credentials in the source (the original committed sessions, app hashes and a bot token)', async () => {
      const root = fileURLToPath(new URL('..', import.meta.url));
      const files: string[] = [];
      for (const dir of ['src', 'db'])
        for (const entry of await readdir(join(root, dir), { recursive: true, withFileTypes: true }))
          if (entry.isFile() && !entry.name.endsWith('.test.ts'))
            files.push(join(entry.parentPath, entry.name));
      expect(files.length).toBeGreaterThan(20);
      for (const file of files) {
        const text = await readFile(file, 'utf8');
        expect(text, file).not.toMatch(/\b\d{6,12}:AA[A-Za-z0-9_-]{30,}/); // Bot API tokens
        expect(text, file).not.toMatch(/\b[0-9a-f]{32}\b/); // api_hash values
        expect(text, file).not.toMatch(/\b1[A-Za-z0-9_-]{300,}/); // Telethon/mtcute session strings
        expect(text, file).not.toMatch(/sandbox:1:[A-Za-z0-9_-]{43}/);
      }
    });

    it('stores sessions, API keys, bot tokens and proxy passwords encrypted', async () => {
      await h.api('POST', '/llm-profiles', {
        as: 'admin',
        body: { name: 'k', baseUrl: 'https://x.test/v1', model: 'm', apiKey: 'sk-plaintext-check' },
      });
      await h.api('POST', '/notification-bots', {
        as: 'admin',
        body: { name: 'b', token: '999:plaintext-bot-token' },
      });
      await h.api('PATCH', `/accounts/${actors[0]}`, {
        as: 'admin',
        body: {
          proxy: { type: 'socks5', host: 'p.test', port: 1, username: 'u', password: 'plaintext-proxy-pw' },
        },
      });
      const sessions: string[] = [];
      for (const id of actors)
        sessions.push((await h.internal('GET', `/internal/accounts/${id}/credentials`)).body.session);
      const db = await h.db();
      const dump = JSON.stringify(
        await Promise.all(
          [
            'accounts',
            'onboardings',
            'notification_bots',
            'llm_profiles',
            'audit_log',
            'script_runs',
            'campaigns',
          ].map((t) => db.selectFrom(t).selectAll().execute()),
        ),
      );
      for (const secret of [
        'sk-plaintext-check',
        'plaintext-bot-token',
        'plaintext-proxy-pw',
        ...sessions.map((s) => s.slice(10)),
      ])
        expect(dump).not.toContain(secret);
      expect(dump).toContain('"session_sealed":"v1.');
    });

    it('never takes a session, password, token or key in a URL', async () => {
      const doc = (await h.api('GET', '/openapi.json', { as: null })).body;
      const params: string[] = [];
      for (const item of Object.values(
        doc.paths as Record<string, Record<string, { parameters?: { name: string }[] }>>,
      )) {
        for (const op of Object.values(item)) for (const p of op.parameters ?? []) params.push(p.name);
      }
      expect(params.length).toBeGreaterThan(50);
      expect(params.join(' ')).not.toMatch(/session|password|token|apiKey|apiHash|secret/i);
      expect(Object.keys(doc.paths)).toContain('/accounts/onboarding/{id}/code');
    });

    it('knows who did what: per-user tokens with roles, no cookie, an audit record for each change', async () => {
      const res = await h.api('PATCH', `/chats/${chatId}`, { as: 'admin', body: { tags: ['audited'] } });
      expect(res.headers.get('set-cookie')).toBeNull();
      const audit = (await h.api('GET', `/audit?entityId=${chatId}&action=chat.updated`, { as: 'owner' }))
        .body.items;
      expect(audit[0]).toMatchObject({
        actor: { id: 'test-admin', kind: 'user', roles: ['admin'] },
        details: { fields: ['tags'] },
      });
      expect((await h.api('GET', '/audit', { as: 'operator' })).status).toBe(403);
    });
  });

  describe('Admin forms', () => {
    it('an edit never wipes fields it did not send, and a misnamed field is refused', async () => {
      const c = (
        await h.api('POST', '/campaigns', {
          as: 'operator',
          body: {
            name: 'Forms',
            type: 'parser',
            welcomeTemplate: 'Hello',
            plusKeywords: ['flat'],
            minusKeywords: ['sell'],
          },
        })
      ).body;
      expect(
        (
          await h.api('PATCH', `/campaigns/${c.id}`, {
            as: 'operator',
            body: { campaign_welcome_message: 'Hi' },
          })
        ).status,
      ).toBe(400);
      const edited = (
        await h.api('PATCH', `/campaigns/${c.id}`, { as: 'operator', body: { name: 'Forms 2' } })
      ).body;
      expect(edited).toMatchObject({
        name: 'Forms 2',
        welcomeTemplate: 'Hello',
        plusKeywords: ['flat'],
        minusKeywords: ['sell'],
      });
    });

    it('an empty LLM profile choice is not silently "no profile"', async () => {
      expect(
        (
          await h.api('POST', '/campaigns', {
            as: 'operator',
            body: { name: 'x', type: 'parser', llmProfileId: '' },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await h.api('POST', '/campaigns', {
            as: 'operator',
            body: { name: 'x', type: 'parser', llmProfileId: 'missing' },
          })
        ).status,
      ).toBe(422);
    });

    it('lists never take empty entries (the original stored chats as [""])', async () => {
      expect(
        (await h.api('PATCH', `/accounts/${actors[0]}`, { as: 'admin', body: { tags: [''] } })).status,
      ).toBe(400);
      expect(
        (
          await h.api('POST', '/campaigns', {
            as: 'operator',
            body: { name: 'x', type: 'scripts', targetChatIds: [''] },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await h.api('POST', '/campaigns', {
            as: 'operator',
            body: { name: 'x', type: 'parser', plusKeywords: ['  '] },
          })
        ).status,
      ).toBe(400);
    });

    it('intervals, the role mapping and the campaign type are validated', async () => {
      expect(
        (
          await h.api('POST', '/campaigns', {
            as: 'operator',
            body: { name: 'x', type: 'scripts', pacing: { answerDelaySeconds: '30 to 15' } },
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await h.api('POST', '/script-runs', {
            as: 'operator',
            body: { scriptId, campaignId, mapping: { bot1: actors[0] } },
          })
        ).status,
      ).toBe(400);
      const parser = (
        await h.api('POST', '/campaigns', { as: 'operator', body: { name: 'p', type: 'parser' } })
      ).body.id;
      const res = await h.api('POST', '/script-runs', {
        as: 'operator',
        body: {
          scriptId,
          campaignId: parser,
          chatIds: [chatId],
          mapping: { 1: actors[0], 2: actors[1], 3: actors[2] },
        },
      });
      expect(res.status).toBe(422);
      expect(res.body.problems.map((p: { code: string }) => p.code)).toEqual(['campaign_not_scripts']);
    });
  });

  describe('Admin views', () => {
    it('lists what has no campaign, no chats or no runs (the original inner-joined them away)', async () => {
      const lonely = (
        await h.api('POST', '/campaigns', { as: 'operator', body: { name: 'No chats', type: 'scripts' } })
      ).body.id;
      const accounts = (await h.api('GET', '/accounts', { as: 'viewer' })).body.items;
      expect(accounts.filter((a: { campaignId: string | null }) => a.campaignId === null)).toHaveLength(3);
      expect(
        (await h.api('GET', '/campaigns?limit=100', { as: 'viewer' })).body.items.map(
          (c: { id: string }) => c.id,
        ),
      ).toContain(lonely);
      const unregistered = (
        await h.api('POST', '/chats', { as: 'admin', body: { username: 'no_campaign_chat' } })
      ).body.id;
      expect(
        (await h.api('GET', '/chats?limit=100', { as: 'viewer' })).body.items.map(
          (c: { id: string }) => c.id,
        ),
      ).toContain(unregistered);
    });

    it('the stop control the run view calls exists and works', async () => {
      const doc = (await h.api('GET', '/openapi.json', { as: null })).body;
      for (const action of ['stop', 'pause', 'resume'])
        expect(doc.paths[`/script-runs/{id}/${action}`]?.post).toBeDefined();
    });
  });

  describe('Scripts runs', () => {
    let runId: string;

    it('stopping a run records it as stopped at once and tells the worker', async () => {
      const probe = await scriptsProbe(h);
      runId = (
        await h.api('POST', '/script-runs', {
          as: 'operator',
          body: { scriptId, campaignId, mapping: { 1: actors[0], 2: actors[1], 3: actors[2] } },
        })
      ).body.id;
      await publishAs(h, 'scripts-worker', ScriptStarted, {
        sfc_id: runId,
        chats: [],
        started_at: new Date().toISOString(),
        attempt: 1,
      });
      await waitFor(async () => (await h.api('GET', `/script-runs/${runId}`)).body.status === 'running', {
        message: 'running',
      });
      const stopped = await h.api('POST', `/script-runs/${runId}/stop`, { as: 'operator' });
      expect(stopped.body).toMatchObject({ status: 'stopped', controlRequested: 'stop' });
      await waitFor(
        () =>
          probe.of('ScriptRunControl').some((g) => g.payload.sfc_id === runId && g.payload.action === 'stop'),
        {
          message: 'stop published',
        },
      );
      expect(
        (await h.api('GET', `/script-runs?status=stopped`, { as: 'viewer' })).body.items.map(
          (r: { id: string }) => r.id,
        ),
      ).toContain(runId);
    });

    it('keeps run state in the database, not in memory: a restart forgets nothing', async () => {
      await h.admin.stop();
      h.admin = await startService(adminService, { infra: h.infra, env: h.adminEnv });
      const run = (await h.api('GET', `/script-runs/${runId}`, { as: 'viewer' })).body;
      expect(run).toMatchObject({ status: 'stopped', startedAt: expect.any(String), attempt: 1 });
    });
  });

  it('reads its settings from the environment and refuses bad ones by name (the original read only settings.json)', async () => {
    await expect(
      startService(adminService, { infra: h.infra, env: { ...h.adminEnv, TELEGRAM_MODE: 'pigeon' } }),
    ).rejects.toThrow(/TELEGRAM_MODE/);
    await expect(
      startService(adminService, { infra: h.infra, env: { ...h.adminEnv, TELEGRAM_API_ID: '123' } }),
    ).rejects.toThrow(/TELEGRAM_API_HASH/);
  });
});
