import { describe, expect, it } from 'vitest';
import { chatter } from './chatter';
import { SandboxClock } from './clock';
import { join, leave, ownRecentMessages, send } from './client';
import { loadCorpus } from './corpus';
import { chatKeyOf, RpcFailure } from './model';
import { Prng } from './prng';
import { createAccount, createChat, createMember, seedDemoWorld } from './seed';
import { World } from './world';

const START = Date.parse('2026-01-01T00:00:00Z');

function demo(seed: number) {
  let real = 0;
  const clock = new SandboxClock(1, START, () => real);
  const world = new World(clock, loadCorpus());
  world.reset(seed);
  seedDemoWorld(world, { chatterPerMinute: 3, botToken: '1:demo-token-value' });
  return { world, clock, step: (ms: number) => ((real += ms), world.tick(chatter)) };
}

const snapshot = (w: World) => ({
  users: [...w.users.values()].map((u) => [u.id, u.username, u.firstName, u.lastName, u.bio, u.persona]),
  chats: [...w.chats.values()].map((c) => [c.id, c.title, c.username, c.kind, [...c.members]]),
  messages: [...w.messages.entries()].map(([k, list]) => [
    k,
    list.map((m) => [m.id, m.senderId, m.text, m.replyToId]),
  ]),
});

describe('the simulated world', () => {
  it('is the same for the same seed, and different for another', () => {
    const a = demo(7);
    const b = demo(7);
    const c = demo(8);
    for (let i = 0; i < 30; i++) {
      a.step(20_000);
      b.step(20_000);
      c.step(20_000);
    }
    expect(snapshot(a.world)).toEqual(snapshot(b.world));
    expect(snapshot(a.world)).not.toEqual(snapshot(c.world));
  });

  it('seeds the demo world: a dozen chats, hundreds of members, accounts by role, a bot with an admin chat', () => {
    const { world } = demo(42);
    const chats = [...world.chats.values()];
    expect(chats.filter((c) => !c.isAdminChat)).toHaveLength(12);
    expect(new Set(chats.map((c) => c.kind))).toEqual(new Set(['group', 'supergroup', 'channel']));
    expect(chats.some((c) => c.isPrivate && c.inviteHash)).toBe(true);
    expect([...world.users.values()].filter((u) => u.kind === 'member').length).toBeGreaterThan(250);
    const roles = [...world.accounts.values()].map((a) => a.roleHint);
    for (const r of ['parser', 'manager', 'actor'] as const) expect(roles).toContain(r);
    expect([...world.accounts.values()].some((a) => a.passwordHash)).toBe(true);
    const admin = chats.find((c) => c.isAdminChat)!;
    expect([...world.bots.keys()].every((id) => admin.members.has(id))).toBe(true);
    const langs = new Set(chats.map((c) => c.lang));
    expect(langs).toEqual(new Set(['ru', 'en']));
  });

  it('has members post at the configured rate, in the chat language, some with campaign keywords', () => {
    const { world, step } = demo(3);
    for (let i = 0; i < 60; i++) step(60_000);
    const chat = [...world.chats.values()].find((c) => c.topic === 'realestate')!;
    const list = world.messages.get(chatKeyOf(chat.id))!;
    // 60 sandbox minutes at 3 a minute.
    expect(list.length).toBeGreaterThanOrEqual(150);
    expect(list.length).toBeLessThanOrEqual(200);
    const topic = world.corpus.chat_topics.find((t) => t.key === 'realestate')!;
    const keywords = (chat.lang === 'ru' ? topic.keywords_ru : topic.keywords_en).map((k) =>
      k.toLowerCase().slice(0, 5),
    );
    const withKeyword = list.filter((m) => keywords.some((k) => m.text.toLowerCase().includes(k)));
    expect(withKeyword.length).toBeGreaterThan(5);
    expect(list.every((m) => chat.members.has(m.senderId!))).toBe(true);
    expect(list.some((m) => m.replyToId !== null)).toBe(true);
  });

  it('has simulated users answer private messages by persona, and opted-out users stay silent', () => {
    let real = 0;
    const world = new World(new SandboxClock(1, START, () => real), loadCorpus());
    world.reset(1);
    const rng = new Prng(1);
    const account = createAccount(world, { phone: '+10000000001' }, rng);
    const optOut = createMember(world, { persona: 'opt_out', lang: 'en' }, rng);
    const silent = createMember(world, { persona: 'silent', lang: 'ru' }, rng);
    send(world, account, String(optOut.id), 'Hi! We have an offer for you.');
    send(world, account, String(silent.id), 'Привет! У нас есть предложение.');
    real += 3 * 60_000;
    world.tick(() => undefined);
    const dialog = world.messages.get(world.dialog(account.userId, optOut.id).key)!;
    expect(dialog).toHaveLength(2);
    expect(world.corpus.dm_replies.en.opt_out).toContain(dialog[1]!.text);
    expect(world.messages.get(world.dialog(account.userId, silent.id).key)).toHaveLength(1);
    send(world, account, String(optOut.id), 'Are you sure?');
    real += 3 * 60_000;
    world.tick(() => undefined);
    expect(world.messages.get(world.dialog(account.userId, optOut.id).key)).toHaveLength(3);
  });

  it("shows an account its own latest messages in a chat it is a member of, and no one else's", () => {
    const world = new World(new SandboxClock(1, START), loadCorpus());
    world.reset(1);
    const rng = new Prng(3);
    const account = createAccount(world, { phone: '+10000000002' }, rng);
    const other = createAccount(world, { phone: '+10000000003' }, rng);
    const chat = createChat(world, { kind: 'supergroup', username: 'reads_chat' }, rng);
    const member = createMember(world, { lang: 'en' }, rng);
    world.addMember(chat, member.id);
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof RpcFailure ? err.text : err;
      }
      return 'no error';
    };
    // Not a member: the chat is closed to it, as a private one would be.
    expect(refusal(() => ownRecentMessages(world, account, chat.id, { limit: 10 }))).toBe('CHANNEL_PRIVATE');
    join(world, account, chat.id);
    join(world, other, chat.id);
    const first = send(world, account, chat.id, 'one');
    world.post(chatKeyOf(chat.id), member.id, 'a member talks');
    send(world, other, chat.id, 'another account');
    const second = send(world, account, chat.id, 'two', first.id);
    const own = ownRecentMessages(world, account, chat.id, { limit: 10 });
    expect(own.map((m) => [m.id, m.text, m.replyToId, m.outgoing])).toEqual([
      [second.id, 'two', first.id, true],
      [first.id, 'one', null, true],
    ]);
    expect(ownRecentMessages(world, account, chat.id, { limit: 1 }).map((m) => m.id)).toEqual([second.id]);
    expect(
      ownRecentMessages(world, account, chat.id, { limit: 10, afterId: first.id }).map((m) => m.id),
    ).toEqual([second.id]);
    world.addFault({
      id: world.newFaultId(),
      kind: 'user_banned_in_chat',
      accountId: account.id,
      chatId: chat.id,
      userId: null,
      seconds: null,
      afterDms: null,
      operation: 'any',
      remaining: null,
      createdAt: world.clock.now(),
    });
    expect(refusal(() => ownRecentMessages(world, account, chat.id, { limit: 10 }))).toBe('CHANNEL_PRIVATE');
  });

  it('takes an account out of the chats it leaves; leaving one it is not in answers nothing', () => {
    const world = new World(new SandboxClock(1, START), loadCorpus());
    world.reset(1);
    const rng = new Prng(4);
    const account = createAccount(world, { phone: '+10000000004' }, rng);
    const open = createChat(world, { kind: 'supergroup', username: 'open_chat' }, rng);
    const closed = createChat(world, { kind: 'supergroup', isPrivate: true }, rng);
    const left: string[] = [];
    world.subscribe((e) => void (e.type === 'member_left' && left.push(`${e.chatId}|${e.userId}`)));
    join(world, account, '@open_chat');
    join(world, account, `https://t.me/+${closed.inviteHash}`);
    leave(world, account, open.id);
    leave(world, account, closed.id);
    expect(open.members.has(account.userId)).toBe(false);
    expect(closed.members.has(account.userId)).toBe(false);
    expect(left).toEqual([`${open.id}|${account.userId}`, `${closed.id}|${account.userId}`]);
    // Again: a private chat now hides itself from it, a public one just does not have it.
    leave(world, account, closed.id);
    leave(world, account, '@open_chat');
    expect(left).toHaveLength(2);
    expect(() => leave(world, account, String(account.userId))).toThrow(RpcFailure);
  });

  it('makes chat ids that look like Telegram ones', () => {
    const world = new World(new SandboxClock(1, START), loadCorpus());
    world.reset(1);
    const rng = new Prng(2);
    expect(createChat(world, { kind: 'supergroup' }, rng).id).toMatch(/^-100\d{10}$/);
    expect(createChat(world, { kind: 'group' }, rng).id).toMatch(/^-\d+$/);
  });
});
