import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LlmProfileWithKeySchema } from '@switchyard/contracts/coolthing-admin';
import { coworkingScript } from '@switchyard/coolthing-script';
import { startHarness, type Harness } from './support';

describe('campaigns, scripts, chats, bots and LLM profiles', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  describe('campaigns', () => {
    it('creates with safe defaults and validates delay ranges as ranges', async () => {
      const res = await h.api('POST', '/campaigns', {
        as: 'operator',
        body: { name: 'Spring', type: 'parser', pacing: { newLeadDelaySeconds: '200-400' } },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'draft',
        approvalMode: 'review',
        pacing: { newLeadDelaySeconds: { min: 200, max: 400 }, answerDelaySeconds: { min: 15, max: 30 } },
        caps: { perAccountPerDay: 30, perCampaignPerDay: 300 },
        schedule: {
          timezone: 'UTC',
          windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '21:00' }],
        },
      });
      for (const bad of ['300-180', 'soon', '-5-10', '1-99999999', { min: 5 }, { min: 1.5, max: 3 }]) {
        const r = await h.api('POST', '/campaigns', {
          as: 'operator',
          body: { name: 'x', type: 'scripts', pacing: { answerDelaySeconds: bad } },
        });
        expect(r.status, JSON.stringify(bad)).toBe(400);
        expect(r.body.errors[0].path).toMatch(/^body\.pacing\.answerDelaySeconds/);
      }
      const tz = await h.api('POST', '/campaigns', {
        as: 'operator',
        body: { name: 'x', type: 'scripts', schedule: { timezone: 'Mars/Olympus' } },
      });
      expect(tz.status).toBe(400);
      const window = await h.api('POST', '/campaigns', {
        as: 'operator',
        body: {
          name: 'x',
          type: 'scripts',
          schedule: { windows: [{ days: [1], start: '25:00', end: '10:00' }] },
        },
      });
      expect(window.status).toBe(400);
    });

    it('PATCH changes only what was sent, nested settings included', async () => {
      const profile = (
        await h.api('POST', '/llm-profiles', {
          as: 'admin',
          body: { name: 'Local', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3' },
        })
      ).body;
      const created = (
        await h.api('POST', '/campaigns', {
          as: 'operator',
          body: {
            name: 'Monitoring',
            type: 'parser',
            scope: 'real estate',
            plusKeywords: ['квартира', 'снять жильё'],
            minusKeywords: ['продам'],
            welcomeTemplate: 'Hello {{name}}',
            llmProfileId: profile.id,
            pacing: { newLeadDelaySeconds: '180-300', answerDelaySeconds: '15-30' },
            caps: { perAccountPerDay: 10, perCampaignPerDay: 50 },
            schedule: {
              timezone: 'Europe/Moscow',
              windows: [{ days: [1, 2, 3, 4, 5], start: '10:00', end: '19:00' }],
            },
          },
        })
      ).body;
      const patched = await h.api('PATCH', `/campaigns/${created.id}`, {
        as: 'operator',
        body: {
          name: 'Monitoring 2',
          pacing: { answerDelaySeconds: { min: 20, max: 40 } },
          caps: { perAccountPerDay: 12 },
        },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toEqual({
        ...created,
        name: 'Monitoring 2',
        pacing: { newLeadDelaySeconds: { min: 180, max: 300 }, answerDelaySeconds: { min: 20, max: 40 } },
        caps: { perAccountPerDay: 12, perCampaignPerDay: 50 },
        updatedAt: expect.any(String),
      });
      const cleared = await h.api('PATCH', `/campaigns/${created.id}`, {
        as: 'operator',
        body: { llmProfileId: null },
      });
      expect(cleared.body).toMatchObject({ llmProfileId: null, plusKeywords: ['квартира', 'снять жильё'] });
      // The original's form posted `campaign_welcome_message`; an unknown field is refused, not ignored.
      const misnamed = await h.api('PATCH', `/campaigns/${created.id}`, {
        as: 'operator',
        body: { campaign_welcome_message: 'x' },
      });
      expect(misnamed.status).toBe(400);
      expect(
        (await h.api('PATCH', `/campaigns/${created.id}`, { as: 'operator', body: { type: 'scripts' } }))
          .status,
      ).toBe(400);
      expect((await h.api('GET', `/campaigns/${created.id}`, { as: 'viewer' })).body.welcomeTemplate).toBe(
        'Hello {{name}}',
      );
      const unknownRefs = await h.api('PATCH', `/campaigns/${created.id}`, {
        as: 'operator',
        body: { llmProfileId: 'no-such-profile', targetChatIds: ['no-such-chat'] },
      });
      expect(unknownRefs.status).toBe(422);
      expect(unknownRefs.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        'body.llmProfileId',
        'body.targetChatIds.0',
      ]);
      expect(
        (await h.api('PATCH', `/campaigns/${created.id}`, { as: 'operator', body: { status: 'finished' } }))
          .status,
      ).toBe(200);
      expect(
        (await h.api('PATCH', `/campaigns/${created.id}`, { as: 'operator', body: { status: 'active' } }))
          .status,
      ).toBe(409);
      const audit = (await h.api('GET', `/audit?entityType=campaign&entityId=${created.id}`, { as: 'admin' }))
        .body;
      expect(audit.items[audit.items.length - 2]).toMatchObject({
        action: 'campaign.updated',
        actor: { id: 'test-operator', kind: 'user', roles: ['operator'] },
        details: { changed: ['caps', 'name', 'pacing'] },
      });
    });

    it('pages through more than ten, with filters', async () => {
      for (let i = 0; i < 23; i++)
        expect(
          (
            await h.api('POST', '/campaigns', {
              as: 'operator',
              body: { name: `Bulk ${i}`, type: 'scripts', scope: 'bulk' },
            })
          ).status,
        ).toBe(201);
      const seen = new Set<string>();
      for (let offset = 0; offset < 30; offset += 10) {
        const page = (await h.api('GET', `/campaigns?scope=bulk&limit=10&offset=${offset}`, { as: 'viewer' }))
          .body;
        expect(page.total).toBe(23);
        for (const c of page.items) seen.add(c.id);
      }
      expect(seen.size).toBe(23);
      expect(
        (await h.api('GET', '/campaigns?scope=bulk&q=Bulk%2022', { as: 'viewer' })).body.items,
      ).toHaveLength(1);
      expect(
        (await h.api('GET', '/campaigns?scope=bulk&limit=100', { as: 'viewer' })).body.items,
      ).toHaveLength(23);
      expect((await h.api('GET', '/campaigns?limit=500', { as: 'viewer' })).status).toBe(400);
    });
  });

  describe('scripts', () => {
    it('refuses an invalid script with every problem, with line and column', async () => {
      const bad = {
        ...coworkingScript,
        lines: [
          { role: 1, text: 'Hi {there|friend', delay: { min: 5, max: 10 } },
          { role: 9, text: 'ok', delay: { min: 10, max: 5 } },
        ],
      };
      const res = await h.api('POST', '/scripts', { as: 'operator', body: bad });
      expect(res.status).toBe(422);
      const codes = res.body.issues.map((i: { code: string }) => i.code);
      expect(codes).toContain('unknown_role');
      const spintax = res.body.issues.find(
        (i: { line?: number; column?: number }) => i.line === 1 && i.column,
      );
      expect(spintax).toMatchObject({ line: 1, column: 4, path: 'lines.0.text' });
      expect(res.body.errors.some((e: { message: string }) => /^line 1, column 4: /.test(e.message))).toBe(
        true,
      );
      expect(res.body.issues.some((i: { path: string }) => i.path === 'lines.1.delay.max')).toBe(true);
    });

    it('saves, versions, previews saved scripts and drafts, and soft-deletes', async () => {
      const created = await h.api('POST', '/scripts', { as: 'operator', body: coworkingScript });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ version: 1, rolesCount: 3, linesCount: 8, warnings: [] });
      expect(created.body.variants.total).toBeGreaterThan(1000);
      const id = created.body.id;
      const preview = await h.api('POST', `/scripts/${id}/preview`, {
        as: 'operator',
        body: {
          count: 3,
          seed: 7,
          context: { chatTitle: 'Riverside', campaignName: 'Hive', roles: { 2: { username: 'max_w' } } },
        },
      });
      expect(preview.status).toBe(200);
      expect(preview.body.previews).toHaveLength(3);
      expect(preview.body.previews[0].lines).toHaveLength(8);
      const again = await h.api('POST', `/scripts/${id}/preview`, {
        as: 'operator',
        body: { count: 1, seed: 7 },
      });
      expect(again.body.previews[0].lines[1].text).toBe(
        preview.body.previews[0].lines[1].text.replace('Hive', '[campaign.name]'),
      );
      expect((await h.api('POST', `/scripts/${id}/preview`, { as: 'viewer', body: {} })).status).toBe(403);
      expect(
        (await h.api('POST', `/scripts/${id}/preview`, { as: 'operator', body: { count: 101 } })).status,
      ).toBe(400);

      const draft = await h.api('POST', '/scripts/preview', {
        as: 'operator',
        body: {
          script: {
            ...coworkingScript,
            lines: [{ role: 1, text: '{Hi|Hello} {{chat.title}', delay: { min: 1, max: 2 } }],
          },
          count: 2,
        },
      });
      expect(draft.status).toBe(200);
      expect(draft.body.valid).toBe(false);
      expect(draft.body.errors[0]).toMatchObject({ line: 1, column: expect.any(Number) });
      expect(draft.body.previews).toHaveLength(2);
      expect(
        (await h.api('POST', '/scripts/preview', { as: 'operator', body: { script: { name: 'x' } } })).status,
      ).toBe(422);

      const v2 = await h.api('PUT', `/scripts/${id}?expectedVersion=1`, {
        as: 'operator',
        body: { ...coworkingScript, name: 'v2' },
      });
      expect(v2.body).toMatchObject({ version: 2, name: 'v2' });
      expect(
        (await h.api('PUT', `/scripts/${id}?expectedVersion=1`, { as: 'operator', body: coworkingScript }))
          .status,
      ).toBe(409);
      expect((await h.api('DELETE', `/scripts/${id}`, { as: 'operator' })).status).toBe(204);
      expect((await h.api('GET', `/scripts/${id}`, { as: 'viewer' })).status).toBe(404);
    });
  });

  describe('chat registry', () => {
    it('registers by link, username or id, keeps the permission with a note, and refuses duplicates', async () => {
      const a = await h.api('POST', '/chats', {
        as: 'admin',
        body: {
          link: 'https://t.me/Riverside_Neighbours',
          permission: 'partner',
          permissionNote: 'agreed with @owner',
          tags: ['city'],
        },
      });
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({
        username: 'riverside_neighbours',
        link: 'https://t.me/riverside_neighbours',
        permission: 'partner',
      });
      expect(
        (await h.api('POST', '/chats', { as: 'admin', body: { username: '@Riverside_Neighbours' } })).status,
      ).toBe(409);
      const invite = await h.api('POST', '/chats', { as: 'admin', body: { link: 't.me/+AbCdEfGh1234' } });
      expect(invite.body).toMatchObject({ link: 'https://t.me/+AbCdEfGh1234', permission: 'unknown' });
      expect((await h.api('POST', '/chats', { as: 'admin', body: { title: 'nowhere' } })).status).toBe(422);
      expect(
        (await h.api('POST', '/chats', { as: 'admin', body: { link: 'not a link at all!' } })).status,
      ).toBe(422);
      const patched = await h.api('PATCH', `/chats/${a.body.id}`, {
        as: 'admin',
        body: { permission: 'owned' },
      });
      expect(patched.body).toMatchObject({
        permission: 'owned',
        permissionNote: 'agreed with @owner',
        tags: ['city'],
      });
      expect(
        (await h.api('GET', '/chats?permission=owned', { as: 'viewer' })).body.items.map(
          (c: { id: string }) => c.id,
        ),
      ).toContain(a.body.id);
      const audit = (await h.api('GET', `/audit?entityId=${a.body.id}`, { as: 'owner' })).body.items;
      expect(audit[0].details).toMatchObject({ permission: { from: 'partner', to: 'owned' } });
    });

    it('resolves title, id, kind and members through an account and its session lease', async () => {
      const world = (await h.world('GET', '/world/chats')).items.find(
        (c: { isPrivate: boolean; isAdminChat: boolean }) => !c.isPrivate && !c.isAdminChat,
      );
      const chat = (await h.api('POST', '/chats', { as: 'admin', body: { link: `@${world.username}` } }))
        .body;
      expect(chat.title).toBeNull();
      const phone = '+79991000002';
      const started = await h.api('POST', '/accounts/onboarding', { body: { phone, role: 'parser' } });
      const account = (
        await h.api('POST', `/accounts/onboarding/${started.body.id}/code`, {
          body: { code: await h.code(phone) },
        })
      ).body.account;
      const resolved = await h.api('POST', `/chats/${chat.id}/resolve`, {
        as: 'admin',
        body: { accountId: account.id },
      });
      expect(resolved.status, resolved.text).toBe(200);
      expect(resolved.body).toMatchObject({
        telegramId: world.id,
        title: world.title,
        membersCount: world.membersCount,
        resolvedAt: expect.any(String),
      });
      // While a worker holds the session, the admin does not touch it.
      await h.internal('POST', `/internal/accounts/${account.id}/lease`, {
        holder: 'parser-worker-1',
        ttlSeconds: 60,
      });
      const busy = await h.api('POST', `/chats/${chat.id}/resolve`, {
        as: 'admin',
        body: { accountId: account.id },
      });
      expect(busy.status).toBe(409);
      expect(busy.body.detail).toContain('parser-worker-1');
    });

    it('pages through more than ten chats', async () => {
      for (let i = 0; i < 12; i++)
        await h.api('POST', '/chats', { as: 'admin', body: { username: `bulk_chat_${i}`, tags: ['bulk'] } });
      const first = (await h.api('GET', '/chats?tag=bulk&limit=10', { as: 'viewer' })).body;
      const second = (await h.api('GET', '/chats?tag=bulk&limit=10&offset=10', { as: 'viewer' })).body;
      expect(first.total).toBe(12);
      expect(first.items).toHaveLength(10);
      expect(second.items).toHaveLength(2);
    });
  });

  describe('notification bots and LLM profiles', () => {
    it('keep tokens and API keys write-only', async () => {
      const token = '123456789:AAH-secret_bot_token_value';
      const bot = await h.api('POST', '/notification-bots', {
        as: 'admin',
        body: { name: 'alerts', token, adminChatIds: ['-1001'] },
      });
      expect(bot.status).toBe(201);
      expect(bot.body).toMatchObject({ tokenSet: true, botUserId: '123456789', adminChatIds: ['-1001'] });
      const renamed = await h.api('PATCH', `/notification-bots/${bot.body.id}`, {
        as: 'admin',
        body: { name: 'alerts 2' },
      });
      expect(renamed.body).toMatchObject({ name: 'alerts 2', adminChatIds: ['-1001'], tokenSet: true });
      expect(
        (await h.api('POST', '/notification-bots', { as: 'admin', body: { name: 'x', token: 'nope' } }))
          .status,
      ).toBe(400);
      const internal = await h.internal('GET', '/internal/notification-bots');
      expect(internal.body.items.find((b: { id: string }) => b.id === bot.body.id).token).toBe(token);

      const apiKey = 'sk-test-very-secret-key-123';
      const llm = await h.api('POST', '/llm-profiles', {
        as: 'admin',
        body: {
          name: 'OpenAI',
          baseUrl: 'https://api.openai.com/v1',
          model: 'gpt-4o-mini',
          apiKey,
          systemPrompt: 'Be brief.',
        },
      });
      expect(llm.body).toMatchObject({ apiKeySet: true, temperature: 0.7, maxTokens: 512 });
      const patched = await h.api('PATCH', `/llm-profiles/${llm.body.id}`, {
        as: 'admin',
        body: { temperature: 0.2 },
      });
      expect(patched.body).toMatchObject({ apiKeySet: true, temperature: 0.2, systemPrompt: 'Be brief.' });
      // Fellow services get it as the contract declares it, the key opened.
      const profile = (await h.internal('GET', `/internal/llm-profiles/${llm.body.id}`)).body;
      expect(LlmProfileWithKeySchema.parse(profile)).toMatchObject({
        name: 'OpenAI',
        apiKey,
        temperature: 0.2,
      });
      expect(
        (
          await h.api('POST', '/llm-profiles', {
            as: 'admin',
            body: { name: 'x', baseUrl: 'ftp://x', model: 'm' },
          })
        ).status,
      ).toBe(400);
      const all = h.seen.join('\n');
      expect(all).not.toContain(apiKey);
      expect(all).not.toContain('secret_bot_token_value');
      const db = await h.db();
      const rows = JSON.stringify([
        await db.selectFrom('notification_bots').selectAll().execute(),
        await db.selectFrom('llm_profiles').selectAll().execute(),
        await db.selectFrom('audit_log').selectAll().execute(),
      ]);
      expect(rows).not.toContain(apiKey);
      expect(rows).not.toContain('secret_bot_token_value');
    });
  });
});
