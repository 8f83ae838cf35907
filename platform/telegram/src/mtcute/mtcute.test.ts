import { HttpProxyTcpTransport, MtProxyTcpTransport, SocksProxyTcpTransport } from '@mtcute/node';
import { describe, expect, it } from 'vitest';
import { FloodWait } from '../errors';
import { StubTelegram, stubWorld } from '../testing/mtcute-stub';
import { MtcuteTelegramGateway } from './gateway';
import { transportFor } from './mapping';

async function signedIn(floodSleepThresholdSeconds = 10) {
  const stub = new StubTelegram();
  const world = stubWorld(stub);
  let clients = 0;
  const warnings: { obj: object; msg: string }[] = [];
  const gateway = new MtcuteTelegramGateway({
    apiId: 1,
    apiHash: 'stub',
    floodSleepThresholdSeconds,
    logger: { warn: (obj, msg) => warnings.push({ obj, msg }) },
    createClient: async (o) => {
      clients++;
      return stub.createClient(o);
    },
  });
  const { phone } = await world.account();
  const result = await gateway.signIn(await gateway.sendCode(phone), await world.codeFor(phone));
  if (result.status !== 'signed_in') throw new Error('no sign-in');
  return { stub, world, gateway, phone, session: result.session, clients: () => clients, warnings };
}

describe('mtcute adapter', () => {
  it('maps each account proxy to its mtcute transport', () => {
    const socks = transportFor({
      type: 'socks5',
      host: '10.0.0.1',
      port: 1080,
      username: 'u',
      password: 'p',
    });
    expect(socks).toBeInstanceOf(SocksProxyTcpTransport);
    expect((socks as SocksProxyTcpTransport).proxy).toEqual({
      host: '10.0.0.1',
      port: 1080,
      user: 'u',
      password: 'p',
      version: 5,
    });
    const http = transportFor({ type: 'http', host: 'proxy', port: 3128, tls: true });
    expect(http).toBeInstanceOf(HttpProxyTcpTransport);
    expect((http as HttpProxyTcpTransport).proxy).toMatchObject({ host: 'proxy', port: 3128, tls: true });
    const mtproxy = transportFor({
      type: 'mtproxy',
      host: 'mt.example',
      port: 443,
      secret: 'dd' + '0'.repeat(32),
    });
    expect(mtproxy).toBeInstanceOf(MtProxyTcpTransport);
    expect(transportFor(undefined)).toBeUndefined();
  });

  it('keeps one client per account and reuses it for every call', async () => {
    const { gateway, session, clients, world } = await signedIn();
    const before = clients();
    const a = await gateway.connect({ accountId: 'one', session });
    const b = await gateway.connect({ accountId: 'one', session });
    expect(b).toBe(a);
    const chat = await world.chat();
    await a.join(chat.id);
    for (let i = 0; i < 5; i++) await a.sendMessage(chat.id, `message ${i}`);
    expect(clients() - before).toBe(1);
    await gateway.close();
  });

  it('sleeps through short flood waits (mtcute flood waiter) and surfaces long ones', async () => {
    const { gateway, session, world, phone, warnings } = await signedIn(2);
    const account = await gateway.connect({ accountId: 'flood', session });
    const chat = await world.chat();
    await account.join(chat.id);
    await world.fault(phone, { kind: 'flood_wait', seconds: 1 });
    const started = Date.now();
    const sent = await account.sendMessage(chat.id, 'after a short wait');
    expect(sent.id).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(warnings.some((w) => w.msg.includes('short flood wait'))).toBe(true);
    await world.fault(phone, { kind: 'flood_wait', seconds: 3 });
    const err = await account.sendMessage(chat.id, 'too long to sleep').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FloodWait);
    expect((err as FloodWait).seconds).toBe(3);
    await gateway.close();
  });

  it('finds its own messages by paging back through history, up to a bounded scan', async () => {
    const { stub, gateway, session, world } = await signedIn();
    const account = await gateway.connect({ accountId: 'history', session });
    const chat = await world.chat();
    const member = await world.user({ chatId: chat.id });
    await account.join(chat.id);
    const mine = await account.sendMessage(chat.id, 'my line');
    const chatter = async (n: number) => {
      for (let i = 0; i < n; i++) await world.postInChat(chat.id, member.id, `chatter ${i}`);
    };
    const historyCalls = async (read: () => Promise<unknown>) => {
      const before = stub.calls.filter((c) => c === 'messages.getHistory').length;
      const result = await read();
      return { result, calls: stub.calls.filter((c) => c === 'messages.getHistory').length - before };
    };
    await chatter(150);
    // Behind 150 newer messages: found on the second page.
    const found = await historyCalls(() => account.ownRecentMessages(chat.id, { limit: 5 }));
    expect((found.result as { id: number }[]).map((m) => m.id)).toEqual([mine.id]);
    expect(found.calls).toBe(2);
    // Only messages newer than `afterId` are asked for (minId): none of them is its own.
    const after = await historyCalls(() =>
      account.ownRecentMessages(chat.id, { limit: 5, afterId: mine.id }),
    );
    expect(after).toEqual({ result: [], calls: 2 });
    await chatter(500);
    // Further back than the scan reaches: not found, and no more than five pages asked for.
    const far = await historyCalls(() => account.ownRecentMessages(chat.id, { limit: 5 }));
    expect(far).toEqual({ result: [], calls: 5 });
    await gateway.close();
  });

  it('leaves over channels.leaveChannel; an invite link is checked first, and no call leaves a chat it is not in', async () => {
    const { stub, gateway, session, world } = await signedIn();
    const account = await gateway.connect({ accountId: 'leave', session });
    const me = await account.me();
    const chat = await world.chat();
    const channelOf = (id: string) => [...stub.channels.values()].find((c) => stub.markedId(c) === id)!;
    const callsOf = async (act: () => Promise<unknown>) => {
      const before = stub.calls.length;
      await act();
      return stub.calls.slice(before).filter((c) => c !== 'updates.getChannelDifference');
    };
    await account.join(chat.inviteLink);
    expect(channelOf(chat.id).members.has(Number(me.id))).toBe(true);
    expect(await callsOf(() => account.leave(chat.inviteLink))).toEqual([
      'messages.checkChatInvite',
      'channels.leaveChannel',
    ]);
    expect(channelOf(chat.id).members.has(Number(me.id))).toBe(false);
    // The invite shows it is not in the chat: nothing to leave.
    expect(await callsOf(() => account.leave(chat.inviteLink))).toEqual(['messages.checkChatInvite']);
    await account.join(chat.id);
    await account.leave(chat.id);
    expect(channelOf(chat.id).members.has(Number(me.id))).toBe(false);
    // Telegram's USER_NOT_PARTICIPANT is the state asked for, not a failure.
    expect(await callsOf(() => account.leave(chat.id))).toEqual(['channels.leaveChannel']);
    await gateway.close();
  });

  it('a FloodWait on leaving surfaces as FloodWait, and the account stays in the chat', async () => {
    const { stub, gateway, session, world, phone } = await signedIn();
    const account = await gateway.connect({ accountId: 'leave-flood', session });
    const me = await account.me();
    const chat = await world.chat();
    await account.join(chat.id);
    await world.fault(phone, { kind: 'flood_wait', seconds: 30 });
    const err = await account.leave(chat.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FloodWait);
    expect((err as FloodWait).seconds).toBe(30);
    const channel = [...stub.channels.values()].find((c) => stub.markedId(c) === chat.id)!;
    expect(channel.members.has(Number(me.id))).toBe(true);
    await gateway.close();
  });

  it('refuses a sign-in state that is not its own', async () => {
    const gateway = new MtcuteTelegramGateway({
      apiId: 1,
      apiHash: 'x',
      createClient: new StubTelegram().createClient,
    });
    await expect(
      gateway.signIn({ phone: '1', state: 'garbage', codeDelivery: 'app', codeLength: 5 }, '12345'),
    ).rejects.toMatchObject({ failure: 'flow_expired' });
  });
});
