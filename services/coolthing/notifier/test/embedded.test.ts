import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus } from '@switchyard/bus';
import { AccountBanned, NewTargetMessage } from '@switchyard/contracts';
import { defineService, INTERNAL_TOKEN_HEADER } from '@switchyard/kit';
import { startEmbedded, type EmbeddedSystem } from '@switchyard/runner';
import { startTestIssuer, waitFor, type TestIssuer } from '@switchyard/testing';
import { findEntry, type RegistryEntry } from '../../../registry';
import { expectTelegramHtml } from '../src/domain/templates/test-support';
import { readable } from './support';

/** Publishes as any fellow service would (the watchdog, a worker). */
let probeBus: Bus | undefined;
const probe: RegistryEntry = {
  id: 'probe',
  port: 0,
  load: async () =>
    defineService({
      name: 'probe',
      title: 'Test probe',
      setup(ctx) {
        probeBus = ctx.bus;
        return {};
      },
    }),
};

const ADMIN_BOT_TOKEN = '7100000001:admin-managed-bot-token';

/**
 * The registry entries as `npm start` runs them (gateway, sandbox, admin, notifier): the
 * notifier finds the sandbox's demo bot by itself, reads the admin's bots and names, and an
 * account ban published on the bus reaches the admin chats through grammY on the sandbox's
 * Bot API (the Parser Mode acceptance path).
 */
describe('notifier with the gateway, the admin and the sandbox, as the runner wires them', () => {
  let system: EmbeddedSystem;
  let issuer: TestIssuer;
  let api: string;
  let sandbox: string;
  const internalToken = 'embedded-notifier-internal-token-0123456789';
  let accountId = '';

  beforeAll(async () => {
    issuer = await startTestIssuer();
    system = await startEmbedded({
      entries: [
        findEntry('gateway'),
        findEntry('coolthing/telegram-sandbox'),
        findEntry('coolthing/admin'),
        findEntry('coolthing/notifier'),
        probe,
      ],
      ports: 'auto',
      env: {
        LOG_LEVEL: 'silent',
        AUTH_JWKS_URL: issuer.jwksUrl,
        INTERNAL_API_TOKEN: internalToken,
        SANDBOX_CONTROL_AUTH: 'open',
        SANDBOX_CHATTER: 'off',
        COOLTHING_DEMO: 'false',
        NOTIFIER_BURST_QUIET_SECONDS: '0.3',
        NOTIFIER_COMPOSE_INTERVAL_MS: '50',
        NOTIFIER_BOTS_CACHE_SECONDS: '0',
      },
    });
    api = `${system.gatewayUrl}/api/coolthing`;
    sandbox = system.services.find((s) => s.name === 'telegram-sandbox')!.url;
  });
  afterAll(async () => {
    await system?.stop();
    await issuer?.close();
  });

  const call = async (method: string, url: string, body?: unknown, role: string | null = 'owner') => {
    const headers: Record<string, string> = {};
    if (role) headers.authorization = `Bearer ${await issuer.sign({ sub: `u-${role}`, roles: [role] })}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined };
  };
  const chatMessages = async (chatId: string) =>
    (await call('GET', `${sandbox}/world/chats/${chatId}/messages?limit=500`, undefined, null)).body
      .items as {
      text: string;
      sender: { id: string; kind: string } | null;
    }[];

  it('posts an account ban with the account’s name to the sandbox admin chat and to the admin’s bots', async () => {
    // The demo world's admin chat, where the demo notification bot is a member.
    const chats = (await call('GET', `${sandbox}/world/chats`, undefined, null)).body.items as any[];
    const demoAdmins = chats.find((c) => c.isAdminChat);
    expect(demoAdmins.title).toBe('CoolThing admins');
    // A second bot, managed in the admin service, in an English admin chat.
    const enChat = (
      await call('POST', `${sandbox}/world/chats`, {
        title: 'Ops (EN)',
        isAdminChat: true,
        isPrivate: true,
        members: 0,
      })
    ).body.id;
    const adminBot = (
      await call('POST', `${sandbox}/world/bots`, {
        username: 'ops_alerts_bot',
        token: ADMIN_BOT_TOKEN,
        chatIds: [enChat],
      })
    ).body;
    const created = await call('POST', `${api}/admin/notification-bots`, {
      name: 'Ops alerts',
      token: ADMIN_BOT_TOKEN,
      adminChatIds: [enChat],
    });
    expect(created.status).toBe(201);

    // An account signed in through the admin (a demo parser of the sandbox).
    const phone = '+79991000001';
    const started = await call('POST', `${api}/admin/accounts/onboarding`, { phone, role: 'parser' });
    expect(started.status).toBe(201);
    const codes = await call('GET', `${sandbox}/world/codes?phone=${phone.slice(1)}`, undefined, null);
    const signedIn = await call('POST', `${api}/admin/accounts/onboarding/${started.body.id}/code`, {
      code: codes.body.items.at(-1).code,
    });
    accountId = signedIn.body.account.id;

    // The admin's internal names endpoint: direct with the internal token only, never through the gateway.
    const admin = system.services.find((s) => s.name === 'admin')!;
    const names = await fetch(`${admin.url}/internal/names?accounts=${accountId},unknown`, {
      headers: { [INTERNAL_TOKEN_HEADER]: internalToken },
    });
    expect(await names.json()).toEqual({
      runs: {},
      campaigns: {},
      accounts: { [accountId]: '@demo_parser_1' },
      chats: {},
    });
    const hidden = await fetch(`${api}/admin/internal/names?accounts=${accountId}`, {
      headers: { [INTERNAL_TOKEN_HEADER]: internalToken },
    });
    expect(hidden.status).toBe(404);

    await probeBus!.publish(AccountBanned, {
      worker_id: accountId,
      comment: 'USER_DEACTIVATED_BAN',
      replaced_by: null,
    });

    const demoMessage = await waitFor(
      async () => (await chatMessages(demoAdmins.id)).find((m) => m.sender?.kind === 'bot'),
      { timeoutMs: 20_000, message: 'the ban in the demo admin chat' },
    );
    expectTelegramHtml(demoMessage.text);
    expect(readable(demoMessage.text)).toMatch(
      /^🚨 Аккаунт заблокирован\nАккаунт: @demo_parser_1\nПричина: USER_DEACTIVATED_BAN\n/,
    );
    expect(demoMessage.text).not.toContain(accountId);

    const opsMessage = await waitFor(
      async () => (await chatMessages(enChat)).find((m) => m.sender?.id === String(adminBot.userId)),
      { timeoutMs: 20_000, message: 'the ban in the admin-managed bot’s chat' },
    );
    // The default language is Russian; chats and bots can be set to English (NOTIFIER_CHAT_LOCALES, NOTIFIER_BOTS).
    expect(readable(opsMessage.text)).toContain('Аккаунт: @demo_parser_1');

    const alerts = await waitFor(async () => {
      const res = await call(
        'GET',
        `${api}/notifier/alerts?type=account.banned&deliveries=true`,
        undefined,
        'viewer',
      );
      return res.body.items[0]?.status === 'delivered' ? res.body.items : null;
    });
    expect(alerts[0].deliveries.map((d: any) => d.chatId).sort()).toEqual([demoAdmins.id, enChat].sort());
    expect(alerts[0].plain.en).toContain('Account: @demo_parser_1');
  });

  it('names the campaign, the chat (by its Telegram id) and the parser of a lead from the admin', async () => {
    const campaign = await call('POST', `${api}/admin/campaigns`, { name: 'Flats in Kazan', type: 'parser' });
    expect(campaign.status).toBe(201);
    const chat = await call('POST', `${api}/admin/chats`, {
      telegramId: '-100777',
      title: 'Kazan rent <chat>',
    });
    expect(chat.status).toBe(201);
    const admin = system.services.find((s) => s.name === 'admin')!;
    const names = await fetch(
      `${admin.url}/internal/names?campaigns=${campaign.body.id}&chats=-100777,${chat.body.id}&runs=none`,
      { headers: { [INTERNAL_TOKEN_HEADER]: internalToken } },
    );
    expect(await names.json()).toEqual({
      runs: {},
      campaigns: { [campaign.body.id]: 'Flats in Kazan' },
      accounts: {},
      chats: { '-100777': 'Kazan rent <chat>', [chat.body.id]: 'Kazan rent <chat>' },
    });

    await probeBus!.publish(NewTargetMessage, {
      worker_id: accountId,
      campaign_id: campaign.body.id,
      chat_id: '-100777',
      chat_title: null,
      message_id: 5,
      user_id: '4242',
      username: 'flat_hunter',
      first_name: 'Olga',
      last_name: null,
      message: 'Ищу двушку в Казани <срочно>',
      matched_keywords: ['двушка'],
      language: 'ru',
      sent_at: new Date().toISOString(),
      bio: null,
    });
    const alert = await waitFor(async () => {
      const res = await call('GET', `${api}/notifier/alerts?type=lead.new`, undefined, 'viewer');
      return res.body.items[0]?.status === 'delivered' ? res.body.items[0] : null;
    });
    expect(alert.plain.ru.split('\n').slice(0, 3)).toEqual([
      '🎯 Новый лид — кампания «Flats in Kazan»',
      '@flat_hunter (Olga) в чате «Kazan rent <chat>» совпал по словам: двушка',
      'Ищу двушку в Казани <срочно>',
    ]);
    expect(alert.plain.ru).toContain('Нашёл: @demo_parser_1;');
    expect(alert.text.ru).not.toContain(campaign.body.id);
  });

  it('takes custom notifications through the gateway', async () => {
    const res = await call(
      'POST',
      `${api}/notifier/notifications`,
      { text: 'Hello <admins>', severity: 'info' },
      'operator',
    );
    expect(res.status).toBe(202);
    const alert = await waitFor(async () => {
      const got = await call('GET', `${api}/notifier/alerts/${res.body.id}`, undefined, 'viewer');
      return got.body.status === 'delivered' ? got.body : null;
    });
    expect(alert.deliveries).toHaveLength(2);
    const targets = await call('GET', `${api}/notifier/targets`, undefined, 'admin');
    expect(targets.body.items.map((t: any) => t.source).sort()).toEqual(['admin', 'sandbox']);
  });
});
