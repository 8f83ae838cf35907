import { createServer, type IncomingMessage, type Server } from 'node:http';
import { ParserAssignmentSchema } from '@switchyard/contracts/coolthing-admin';
import { waitFor } from '@switchyard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboard, startHarness, type Harness } from './support';

/** A stand-in for another service's dead-letter API that records the token it was called with. */
async function fakeDeadLetterService() {
  const calls: { method: string; url: string; authorization: string | undefined; body: any }[] = [];
  const letter = {
    messageId: 'm-1',
    queue: 'notifier.deliveries',
    exchange: 'events_exchange',
    routingKey: 'alert.deliver',
    body: '{"payload":{"alert_id":"a-1"}}',
    failure: { error: 'bot blocked', attempts: 6, failedAt: '2025-01-01T00:00:00.000Z' },
  };
  const read = (req: IncomingMessage) =>
    new Promise<any>((r) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => r(raw ? JSON.parse(raw) : undefined));
    });
  const server: Server = createServer(async (req, res) => {
    const body = await read(req);
    calls.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (!req.headers.authorization) return send(401, { title: 'Unauthorized', status: 401 });
    if (req.method === 'GET' && req.url?.startsWith('/admin/dead-letters'))
      return send(200, { queues: [{ queue: 'notifier.deliveries', deadLetters: [letter] }] });
    if (req.method === 'POST' && req.url === '/admin/dead-letters/replay')
      return body.queue === 'notifier.deliveries'
        ? send(200, { replayed: body.messageIds?.length ?? 1 })
        : send(404, {
            title: 'Not found',
            status: 404,
            detail: `Queue ${body.queue} of this service not found.`,
          });
    send(404, { title: 'Not found', status: 404 });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    calls,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

describe('admin endpoints for parser workers and their watchdog', () => {
  let h: Harness;
  let fake: Awaited<ReturnType<typeof fakeDeadLetterService>>;
  const parsers: any[] = [];
  let manager: any;
  let campaignId: string;
  let chatIds: string[];

  beforeAll(async () => {
    fake = await fakeDeadLetterService();
    h = await startHarness({ env: { SERVICE_URL_COOLTHING_NOTIFIER: fake.url } });
    await h.world('POST', '/world/accounts', { phone: '+79991000099', roleHint: 'parser' });
    await h.world('POST', '/world/accounts', { phone: '+79991000098', roleHint: 'parser' });
    for (const phone of ['+79991000001', '+79991000002', '+79991000099'])
      parsers.push(await onboard(h, phone, { role: 'parser' }));
    manager = await onboard(h, '+79992000001', { role: 'manager' });
    chatIds = [];
    for (let i = 0; i < 8; i++) {
      const chat = await h.api('POST', '/chats', {
        body: { username: `parser_chat_${i}`, title: `Chat ${i}`, telegramId: `-100900${i}` },
      });
      chatIds.push(chat.body.id);
    }
    const campaign = await h.api('POST', '/campaigns', {
      as: 'operator',
      body: {
        name: 'Flats',
        type: 'parser',
        status: 'active',
        targetChatIds: chatIds,
        plusKeywords: ['квартира', 'снять квартиру'],
        minusKeywords: ['посуточно'],
        languages: ['ru'],
      },
    });
    expect(campaign.status).toBe(201);
    campaignId = campaign.body.id;
    const [a, b, c] = parsers;
    await h.api('PATCH', `/accounts/${a.id}`, { as: 'admin', body: { campaignId } });
    await h.api('PATCH', `/accounts/${b.id}`, { as: 'admin', body: { campaignId } });
    await h.api('PATCH', `/accounts/${c.id}`, { as: 'admin', body: { isReserve: true } });
    await h.api('PATCH', `/accounts/${manager.id}`, { as: 'admin', body: { campaignId } });
  });
  afterAll(async () => {
    await h?.stop();
    await fake?.close();
  });

  const assignment = async (accountId: string) => {
    const res = await h.internal('GET', `/internal/parser-assignments/${accountId}`);
    expect(res.status).toBe(200);
    // What the parser validates against.
    expect(ParserAssignmentSchema.safeParse(res.body).success).toBe(true);
    return res.body;
  };

  it("splits a campaign's chats between its parser accounts, with keywords and known accounts", async () => {
    const [a, b] = parsers;
    const first = await assignment(a.id);
    const second = await assignment(b.id);
    expect(first.campaigns).toHaveLength(1);
    expect(first.campaigns[0]).toMatchObject({
      id: campaignId,
      name: 'Flats',
      plusKeywords: ['квартира', 'снять квартиру'],
      minusKeywords: ['посуточно'],
      languages: ['ru'],
      dedupWindowSeconds: null,
      sharedBy: 2,
    });
    const mine = first.campaigns[0].chats.map((ch: any) => ch.id);
    const theirs = second.campaigns[0].chats.map((ch: any) => ch.id);
    expect([...mine, ...theirs].sort()).toEqual([...chatIds].sort());
    expect(mine.filter((id: string) => theirs.includes(id))).toEqual([]);
    expect(first.campaigns[0].chats[0]).toMatchObject({
      username: expect.stringMatching(/^parser_chat_/),
      telegramId: expect.any(String),
    });
    expect(first.knownAccountUserIds).toEqual(
      expect.arrayContaining([...parsers, manager].map((p) => p.telegramUserId)),
    );
    expect(first.revision).toMatch(/^[0-9a-f]{16}$/);
    expect((await assignment(a.id)).revision).toBe(first.revision);
    // A reserve account and accounts of other roles watch nothing.
    expect((await assignment(parsers[2].id)).campaigns).toEqual([]);
    expect((await h.internal('GET', `/internal/parser-assignments/${manager.id}`)).status).toBe(409);
    expect((await h.internal('GET', '/internal/parser-assignments/nope')).status).toBe(404);
    expect((await h.api('GET', `/internal/parser-assignments/${a.id}`)).status).toBe(404);
  });

  it('gives the chats of an account in a flood wait to the others, and back when it ends', async () => {
    const [a, b] = parsers;
    const before = (await assignment(a.id)).campaigns[0].chats.length;
    const until = new Date(Date.now() + 2500).toISOString();
    const report = await h.internal('POST', `/internal/accounts/${a.id}/status`, {
      status: 'flood_wait',
      until,
    });
    expect(report.status).toBe(200);
    expect((await assignment(a.id)).campaigns[0].chats).toEqual([]);
    const other = (await assignment(b.id)).campaigns[0];
    expect(other.chats).toHaveLength(chatIds.length);
    expect(other.sharedBy).toBe(1);
    await new Promise((r) => setTimeout(r, 2700));
    expect((await assignment(a.id)).campaigns[0].chats).toHaveLength(before);
    // The status itself flips back at the next housekeeping sweep (a second here).
    await waitFor(async () => (await h.api('GET', `/accounts/${a.id}`)).body.status === 'active' || null, {
      timeoutMs: 10_000,
      message: 'the account active again after its flood wait',
    });
  });

  it('lists the accounts to supervise with campaign and live lease', async () => {
    const [a] = parsers;
    await h.internal('POST', `/internal/accounts/${a.id}/lease`, { holder: 'parser-a', ttlSeconds: 30 });
    const res = await h.internal('GET', '/internal/account-workers?roles=parser,manager');
    expect(res.status).toBe(200);
    const byId = new Map(res.body.items.map((i: any) => [i.id, i]));
    expect(byId.get(a.id)).toMatchObject({
      role: 'parser',
      status: 'active',
      isReserve: false,
      hasSession: true,
      campaign: { id: campaignId, status: 'active', type: 'parser' },
      lease: { holder: 'parser-a', expiresAt: expect.any(String) },
    });
    expect(byId.get(parsers[2].id)).toMatchObject({ isReserve: true, campaign: null, lease: null });
    expect(byId.get(manager.id)).toMatchObject({ role: 'manager', campaign: { id: campaignId } });
    const onlyManagers = await h.internal('GET', '/internal/account-workers?roles=manager');
    expect(onlyManagers.body.items.map((i: any) => i.id)).toEqual([manager.id]);
    expect((await h.internal('GET', '/internal/account-workers?roles=admin')).status).toBe(400);
    await h.internal('DELETE', `/internal/accounts/${a.id}/lease?holder=parser-a`);
  });

  it('replaces an account from the reserve pool once, and says 409 when the pool is empty', async () => {
    const [a, b, c] = parsers;
    const first = await h.internal('POST', `/internal/accounts/${a.id}/replace`, { reason: 'banned' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      accountId: a.id,
      campaignId,
      replacement: { id: c.id, role: 'parser' },
      alreadyReplaced: false,
    });
    const again = await h.internal('POST', `/internal/accounts/${a.id}/replace`, {});
    expect(again.body).toMatchObject({ replacement: { id: c.id }, alreadyReplaced: true });
    const moved = (await h.api('GET', `/accounts/${c.id}`)).body;
    expect(moved).toMatchObject({ campaignId, isReserve: false });
    expect((await h.api('GET', `/accounts/${a.id}`)).body.campaignId).toBeNull();
    // The replacement takes the chats the old account had.
    const shares = await Promise.all([b, c].map((p) => assignment(p.id)));
    expect(shares.flatMap((s) => s.campaigns[0].chats.map((ch: any) => ch.id)).sort()).toEqual(
      [...chatIds].sort(),
    );
    expect((await h.internal('POST', `/internal/accounts/${b.id}/replace`, {})).status).toBe(409);
    expect((await h.internal('POST', '/internal/accounts/nope/replace', {})).status).toBe(404);
    const audit = await h.api('GET', `/audit?entityId=${a.id}&action=account.replaced`, { as: 'admin' });
    expect(audit.body.items[0].details).toMatchObject({ replacedBy: c.id, campaignId, reason: 'banned' });
  });

  it('stops an account with a reason, but leaves a banned one banned', async () => {
    const [, b] = parsers;
    const stopped = await h.internal('POST', `/internal/accounts/${b.id}/stop`, {
      reason: 'the worker crashed 5 times in 10 minutes',
    });
    expect(stopped.body).toMatchObject({
      changed: true,
      account: { status: 'stopped', statusReason: 'the worker crashed 5 times in 10 minutes' },
    });
    expect(
      (await h.internal('POST', `/internal/accounts/${b.id}/stop`, { reason: 'again' })).body.changed,
    ).toBe(false);
    await h.internal('POST', `/internal/accounts/${manager.id}/status`, { status: 'banned', reason: 'x' });
    const banned = await h.internal('POST', `/internal/accounts/${manager.id}/stop`, { reason: 'crashes' });
    expect(banned.body).toMatchObject({ changed: false, account: { status: 'banned' } });
    expect((await h.internal('POST', '/internal/accounts/nope/stop', { reason: 'x' })).status).toBe(404);
  });

  it("lists, shows and replays other services' dead letters with the operator's own token", async () => {
    const list = await h.api('GET', '/dead-letters', { as: 'admin' });
    expect(list.status).toBe(200);
    const notifier = list.body.services.find((s: any) => s.service === 'notifier');
    expect(notifier).toMatchObject({ total: 1, error: null, queues: [{ queue: 'notifier.deliveries' }] });
    expect(list.body.services.find((s: any) => s.service === 'manager').error).toBe('not deployed here');
    expect(fake.calls[0]!.authorization).toMatch(/^Bearer /);
    const one = await h.api('GET', '/dead-letters/notifier/m-1', { as: 'owner' });
    expect(one.body).toMatchObject({ service: 'notifier', messageId: 'm-1', failure: { attempts: 6 } });
    expect((await h.api('GET', '/dead-letters/notifier/nope', { as: 'owner' })).status).toBe(404);
    expect((await h.api('GET', '/dead-letters/manager/m-1', { as: 'owner' })).status).toBe(404);
    const replay = await h.api('POST', '/dead-letters/replay', {
      as: 'admin',
      body: { service: 'notifier', queue: 'notifier.deliveries', messageIds: ['m-1'] },
    });
    expect(replay.body).toEqual({ service: 'notifier', queue: 'notifier.deliveries', replayed: 1 });
    expect(fake.calls.at(-1)).toMatchObject({
      method: 'POST',
      body: { queue: 'notifier.deliveries', messageIds: ['m-1'] },
    });
    const unknown = await h.api('POST', '/dead-letters/replay', {
      as: 'admin',
      body: { service: 'notifier', queue: 'other' },
    });
    expect(unknown.status).toBe(404);
    for (const as of ['operator', 'viewer', null] as const)
      expect((await h.api('GET', '/dead-letters', { as })).status).toBe(as ? 403 : 401);
    const audit = await h.api('GET', '/audit?action=dead_letters.replayed', { as: 'admin' });
    expect(audit.body.items).toHaveLength(1);
  });
});
