import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedInfra } from '@switchyard/kit';
import { startTestIssuer, waitFor, type TestIssuer } from '@switchyard/testing';
import { FloodWait } from '@switchyard/telegram';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import { startSandbox, WorldApi, type Sandbox } from './helpers';

async function readEvents(
  res: Response,
  until: (events: { event: string; id?: string; data: string }[]) => boolean,
) {
  const events: { event: string; id?: string; data: string }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const get = (k: string) =>
        block
          .split('\n')
          .find((l) => l.startsWith(`${k}: `))
          ?.slice(k.length + 2);
      const data = get('data');
      if (data) events.push({ event: get('event') ?? 'message', id: get('id'), data });
    }
  }
  await reader.cancel();
  return events;
}

describe('sandbox world API', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ SANDBOX_TIME_SCALE: '1' });
  });
  afterAll(async () => sandbox.stop());

  it('streams chat messages as server-sent events and resumes after Last-Event-ID', async () => {
    const api = sandbox.api;
    const chat = await api.post('/world/chats', { username: 'stream_chat', members: 2 });
    const res = await fetch(`${sandbox.url}/events?chat=${chat.id}`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reading = readEvents(res, (e) => e.filter((x) => x.event === 'message').length >= 2);
    await api.post(`/world/chats/${chat.id}/messages`, { text: 'first' });
    await api.post(`/world/chats/${chat.id}/messages`, { text: 'second' });
    const events = (await reading).filter((e) => e.event === 'message');
    expect(events.map((e) => JSON.parse(e.data).text)).toEqual(['first', 'second']);
    const resumed = await fetch(`${sandbox.url}/events?chat=${chat.id}`, {
      headers: { 'last-event-id': events[0]!.id! },
    });
    const replay = await readEvents(resumed, (e) => e.some((x) => x.event === 'message'));
    expect(JSON.parse(replay.find((e) => e.event === 'message')!.data).text).toBe('second');
  });

  it('serves a live page with an external script only, escaping what members write', async () => {
    const api = sandbox.api;
    const chat = await api.post('/world/chats', { title: 'Page <chat>', members: 2 });
    await api.post(`/world/chats/${chat.id}/messages`, { text: '<script>alert(1)</script>' });
    const res = await fetch(`${sandbox.url}/view?chat=${chat.id}`);
    const html = await res.text();
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('<script src="view.js"></script>');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Page &lt;chat&gt;');
    const js = await fetch(`${sandbox.url}/view.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toContain("new EventSource('events')");
  });

  it('steps time: a simulated user answers a private message with an opt-out', async () => {
    const api = sandbox.api;
    const phone = api.nextPhone();
    await api.post('/world/accounts', { phone });
    const lead = await api.post('/world/users', { username: 'lead_optout', persona: 'opt_out', lang: 'en' });
    const gateway = new SandboxTelegramGateway({ baseUrl: sandbox.url });
    const pending = await gateway.sendCode(phone);
    const signed = await gateway.signIn(pending, await api.code(phone));
    if (signed.status !== 'signed_in') throw new Error('sign-in');
    const account = await gateway.connect({ accountId: 'time', session: signed.session });
    const replies: string[] = [];
    account.onMessage((m) => replies.push(m.text), { scope: 'private' });
    await account.sendMessage('@lead_optout', 'Hello! Interested in our course?');
    await api.post('/world/clock/advance', { seconds: 600 });
    await waitFor(() => replies.length > 0, { message: 'the lead answers' });
    const corpus = await import('../data/corpus.json', { with: { type: 'json' } });
    expect(corpus.default.dm_replies.en.opt_out).toContain(replies[0]);
    const dialogs = await api.get(`/world/dialogs?userId=${lead.id}`);
    expect(dialogs.items[0].messagesCount).toBe(2);
    await gateway.close();
  });

  it('an account that leaves a chat is no longer among its members; the feed says so', async () => {
    const api = sandbox.api;
    const phone = api.nextPhone();
    const created = await api.post('/world/accounts', { phone });
    const chat = await api.post('/world/chats', { username: 'left_chat', members: 1 });
    const gateway = new SandboxTelegramGateway({ baseUrl: sandbox.url });
    const signed = await gateway.signIn(await gateway.sendCode(phone), await api.code(phone));
    if (signed.status !== 'signed_in') throw new Error('sign-in');
    const account = await gateway.connect({ accountId: 'leaver', session: signed.session });
    const memberIds = async () =>
      (await api.get(`/world/chats/${chat.id}/members`)).items.map((u: { id: string }) => u.id);
    const chatsOf = async () =>
      (await api.get('/world/accounts')).items.find((a: { id: string }) => a.id === created.id).chats;
    await account.join('@left_chat');
    expect(await memberIds()).toContain(signed.user.id);
    expect(await chatsOf()).toEqual([chat.id]);
    const feed = await fetch(`${sandbox.url}/events?chat=${chat.id}`);
    const reading = readEvents(feed, (e) => e.some((x) => x.event === 'member_left'));
    await account.leave(chat.id);
    expect(await memberIds()).not.toContain(signed.user.id);
    expect(await chatsOf()).toEqual([]);
    const left = (await reading).find((e) => e.event === 'member_left')!;
    expect(JSON.parse(left.data)).toEqual({ chatId: chat.id, userId: signed.user.id });
    // An injected flood wait can target leaving alone.
    await account.join(chat.id);
    await api.post('/world/faults', {
      kind: 'flood_wait',
      accountId: created.id,
      seconds: 30,
      operation: 'leave',
    });
    const flood = await account.leave(chat.id).catch((e: unknown) => e);
    expect(flood).toBeInstanceOf(FloodWait);
    expect((flood as FloodWait).seconds).toBe(30);
    expect(await memberIds()).toContain(signed.user.id);
    await gateway.close();
  });

  it('answers bad input with problems and refuses incomplete faults', async () => {
    const api = sandbox.api;
    await api.call('POST', '/world/faults', { kind: 'slow_mode' }, 422);
    await api.call('POST', '/world/faults', { kind: 'no_such_fault' }, 400);
    await api.call('POST', '/world/chats', { username: 'x' }, 400);
    await api.call('GET', '/world/chats/-999/messages', undefined, 404);
    const res = await fetch(`${sandbox.url}/client/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat: '@x', text: 'hi' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ rpc: { code: 401, text: 'AUTH_KEY_UNREGISTERED' } });
    const doc = await api.get('/openapi.json');
    for (const p of ['/client/send', '/client/auth/send-code', '/world/faults', '/world/chats/{id}/messages'])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});

describe('sandbox world control needs an operator', () => {
  let sandbox: Sandbox;
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
    sandbox = await startSandbox({ SANDBOX_CONTROL_AUTH: 'roles', AUTH_JWKS_URL: issuer.jwksUrl });
  });
  afterAll(async () => {
    await sandbox.stop();
    await issuer.close();
  });

  it('refuses guests and plain users, lets operators in, and keeps viewing public', async () => {
    const body = { phone: '+15550000001' };
    await new WorldApi(sandbox.url).call('POST', '/world/accounts', body, 401);
    await new WorldApi(sandbox.url).call('GET', '/world/codes', undefined, 401);
    const user = await issuer.sign({ sub: 'u1', roles: ['user'] });
    await new WorldApi(sandbox.url, { authorization: `Bearer ${user}` }).call(
      'POST',
      '/world/accounts',
      body,
      403,
    );
    const operator = await issuer.sign({ sub: 'op', roles: ['operator'] });
    await new WorldApi(sandbox.url, { authorization: `Bearer ${operator}` }).call(
      'POST',
      '/world/accounts',
      body,
      201,
    );
    await new WorldApi(sandbox.url).call('GET', '/world/chats', undefined, 200);
  });
});

describe('sandbox persistence', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('keeps accounts, sessions, chats, messages and faults across a restart', async () => {
    const env = { SANDBOX_DEMO_WORLD: 'true', SANDBOX_SEED: '5', SANDBOX_FLUSH_MS: '50' };
    const first = await startSandbox(env, new EmbeddedInfra(dir));
    const api = first.api;
    const before = await api.get('/world');
    const chats = (await api.get('/world/chats')).items;
    const chat = chats.find(
      (c: { isPrivate: boolean; isAdminChat: boolean }) => !c.isPrivate && !c.isAdminChat,
    );
    await api.post(`/world/chats/${chat.id}/simulate`, { count: 25 });
    const messages = (await api.get(`/world/chats/${chat.id}/messages`)).items;
    const account = (await api.get('/world/accounts')).items.find(
      (a: { twoFactor: boolean }) => !a.twoFactor,
    );
    const gateway = new SandboxTelegramGateway({ baseUrl: first.url });
    const signed = await gateway.signIn(await gateway.sendCode(account.phone), await api.code(account.phone));
    if (signed.status !== 'signed_in') throw new Error('sign-in');
    const fault = await api.post('/world/faults', {
      kind: 'write_forbidden',
      chatId: chat.id,
      accountId: account.id,
    });
    await gateway.close();
    await first.stop();

    const second = await startSandbox({ ...env, SANDBOX_SEED: '6' }, new EmbeddedInfra(dir));
    try {
      const after = await second.api.get('/world');
      expect(after).toMatchObject({
        seed: 5,
        chats: before.chats,
        users: before.users,
        accounts: before.accounts,
        bots: 1,
      });
      expect((await second.api.get(`/world/chats/${chat.id}/messages`)).items).toEqual(messages);
      expect((await second.api.get('/world/faults')).items).toEqual([fault]);
      const again = new SandboxTelegramGateway({ baseUrl: second.url });
      const { user } = await again.importSession(signed.session);
      expect(user.id).toBe(signed.user.id);
      await again.close();
    } finally {
      await second.stop();
    }
  });
});
