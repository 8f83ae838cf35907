import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from 'grammy';
import { waitFor } from '@switchyard/testing';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import { WorldApi } from './helpers';

const BOT_TOKEN = '4242:super-secret-bot-token-xyz';

/**
 * Session strings (and the keys inside them) and bot tokens must never show up in the
 * sandbox's logs, in any API response, or in any URL. The sandbox runs in its own process at
 * the most verbose log level, so every line it writes is captured and searched.
 */
describe('secrets stay secret', () => {
  let child: ChildProcess;
  let output = '';
  let base: string;
  const urls: string[] = [];
  const responses: string[] = [];
  const adapterLogs: string[] = [];

  const recordingFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    urls.push(url);
    const res = await fetch(input, init);
    if (!(res.headers.get('content-type') ?? '').includes('event-stream'))
      responses.push(await res.clone().text());
    return res;
  };

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./fixtures/serve.ts', import.meta.url))],
      {
        env: {
          ...process.env,
          LOG_LEVEL: 'trace',
          LOG_FORMAT: 'json',
          SANDBOX_CONTROL_AUTH: 'open',
          SANDBOX_DEMO_WORLD: 'false',
          SANDBOX_CHATTER: 'off',
          DATA_DIR: '.data/tmp/telegram-sandbox-secrets',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    base = (await waitFor(() => /SANDBOX_READY (\S+)/.exec(output)?.[1], {
      timeoutMs: 50_000,
      message: 'sandbox child',
    }))!;
  });
  afterAll(async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  });

  it('never logs, returns or puts in a URL a session string or a bot token', async () => {
    const api = new WorldApi(base);
    const chat = await api.post('/world/chats', { username: 'secret_chat', members: 2 });
    const member = await api.post('/world/users', {
      username: 'secret_member',
      persona: 'interested',
      chatIds: [chat.id],
    });
    await api.post('/world/bots', { username: 'secret_notify_bot', token: BOT_TOKEN, chatIds: [chat.id] });
    const phone = '+79995550001';
    await api.post('/world/accounts', { phone, password: 'two-step-secret' });

    const gateway = new SandboxTelegramGateway({
      baseUrl: base,
      fetch: recordingFetch,
      logger: { warn: (obj, msg) => adapterLogs.push(JSON.stringify(obj) + msg) },
    });
    const pending = await gateway.sendCode(phone);
    const step = await gateway.signIn(pending, await api.code(phone));
    expect(step.status).toBe('password_needed');
    if (step.status !== 'password_needed') return;
    await gateway.checkPassword(step.pending, 'wrong').catch(() => undefined);
    const { session } = await gateway.checkPassword(step.pending, 'two-step-secret');
    await gateway.importSession(session);
    const account = await gateway.connect({ accountId: 'secret', session });
    const received: string[] = [];
    account.onMessage((m) => received.push(m.text), { scope: 'private' });
    await account.join('@secret_chat');
    await account.sendMessage(chat.id, 'hello chat');
    await account.sendMessage('@secret_member', 'hello you');
    await api.post(`/world/users/${member.id}/messages`, { to: (await account.me()).id, text: 'hi back' });
    await waitFor(() => received.length > 0, { message: 'reply' });
    await account.sendMessage('@nobody_here_at_all', 'x').catch(() => undefined);
    for (const path of [
      '/world/accounts',
      '/world/bots',
      '/world/chats',
      '/world',
      `/world/chats/${chat.id}/messages`,
    ])
      responses.push(JSON.stringify(await api.get(path)));

    const bot = new Bot(BOT_TOKEN, { client: { apiRoot: base } });
    await bot.api.getMe();
    await bot.api.sendMessage(Number(chat.id), 'bot says hi');
    await bot.api.getUpdates({ timeout: 0 });
    await fetch(`${base}/bot${BOT_TOKEN}/noSuchMethod`, { method: 'POST' });
    await gateway.close();
    await new Promise((r) => setTimeout(r, 300));

    const key = session.split(':').pop()!;
    expect(key.length).toBeGreaterThan(30);
    // The run did log requests (so the search below searched something).
    expect(output).toMatch(/"path":"\/client\/send"/);
    expect(output).toMatch(/"path":"\/bot<token>\/sendMessage"/);
    for (const secret of [
      session,
      key,
      BOT_TOKEN,
      BOT_TOKEN.split(':')[1]!,
      'two-step-secret',
      pending.state,
    ]) {
      expect(output, 'sandbox logs').not.toContain(secret);
      expect(adapterLogs.join('\n'), 'adapter logs').not.toContain(secret);
      for (const body of responses) expect(body, 'an API response').not.toContain(secret);
      for (const url of urls) expect(url, 'a URL').not.toContain(secret);
    }
  });
});
