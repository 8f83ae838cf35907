import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@switchyard/testing';
import type { TelegramError } from '../errors';
import {
  AccountBanned,
  ChatPrivate,
  FloodWait,
  InvalidLink,
  PeerFlood,
  PrivacyRestricted,
  SignInFailed,
  SlowMode,
  UserBannedInChat,
  WriteForbidden,
} from '../errors';
import type { AccountEvent, TelegramAccount, TelegramGateway, TelegramMessage } from '../port';

/** A fault for the fixture's account, in the words of the port. */
export type ContractFault =
  | { kind: 'flood_wait'; seconds: number }
  | { kind: 'slow_mode'; chatId: string; seconds: number }
  | { kind: 'write_forbidden'; chatId: string }
  | { kind: 'chat_private'; chatId: string }
  | { kind: 'user_banned_in_chat'; chatId: string }
  | { kind: 'peer_flood' }
  | { kind: 'privacy_restricted'; userId: string }
  | { kind: 'ban_after_dms'; afterDms: number };

export interface ContractChat {
  id: string;
  username: string;
  inviteLink: string;
}

export interface ContractUser {
  id: string;
  username: string;
  firstName: string;
  bio: string;
}

/** The Telegram world behind an adapter, as far as the contract needs to arrange it. */
export interface ContractWorld {
  /** A fresh account that can sign in (with a 2FA password when given). */
  account(spec?: { password?: string }): Promise<{ phone: string }>;
  /** The login code last sent to `phone`. */
  codeFor(phone: string): Promise<string>;
  /** A public chat with a few members. */
  chat(): Promise<ContractChat>;
  /** A user with a username and bio, member of `chatId` when given. */
  user(spec?: { chatId?: string }): Promise<ContractUser>;
  /** `userId` posts `text` in the chat. */
  postInChat(chatId: string, userId: string, text: string): Promise<void>;
  /** `fromUserId` writes privately to the account whose user id is `toUserId`. */
  directMessage(fromUserId: string, toUserId: string, text: string): Promise<void>;
  /** Arranges a fault for the account signed in with `phone`. */
  fault(phone: string, fault: ContractFault): Promise<void>;
}

export interface ContractFixture {
  gateway: TelegramGateway;
  world: ContractWorld;
  close(): Promise<void>;
}

/**
 * What an adapter's test environment can show. Behaviour outside it is not registered as a
 * test at all (rather than reported as skipped), and the adapter's test file says why.
 */
export interface ContractSupport {
  twoFactor: boolean;
  updates: boolean;
  faults: ContractFault['kind'][];
}

/**
 * The behaviour every Telegram adapter must show, run once per adapter: sign-in, one
 * connection per account, resolving, profiles, joining, leaving, sending, typing, reading its own
 * recent messages, incoming messages, and each Telegram failure as its typed error with its data.
 */
export function telegramContract(
  adapter: string,
  supports: ContractSupport,
  setup: () => Promise<ContractFixture>,
): void {
  describe(`telegram contract: ${adapter}`, () => {
    let fx: ContractFixture;
    const opened: TelegramAccount[] = [];

    beforeAll(async () => {
      fx = await setup();
    });
    afterAll(async () => {
      for (const a of opened) await a.close().catch(() => undefined);
      await fx?.close();
    });

    /** A signed-in, connected account. */
    async function signedIn(): Promise<{ account: TelegramAccount; phone: string; session: string }> {
      const { phone } = await fx.world.account();
      const pending = await fx.gateway.sendCode(phone);
      const result = await fx.gateway.signIn(pending, await fx.world.codeFor(phone));
      if (result.status !== 'signed_in') throw new Error('expected a direct sign-in');
      const account = await fx.gateway.connect({ accountId: `acc-${phone}`, session: result.session });
      opened.push(account);
      return { account, phone, session: result.session };
    }

    const when = (supported: boolean) => (name: string, fn: () => Promise<void>) => {
      if (supported) it(name, fn);
    };
    const withFault = (kind: ContractFault['kind']) => when(supports.faults.includes(kind));

    it('signs in with phone and code, and the session imports as the same user', async () => {
      const { phone } = await fx.world.account();
      const pending = await fx.gateway.sendCode(phone);
      expect(pending.phone).toBe(phone);
      await expect(fx.gateway.signIn(pending, '00000')).rejects.toMatchObject({ failure: 'code_invalid' });
      const result = await fx.gateway.signIn(pending, await fx.world.codeFor(phone));
      expect(result.status).toBe('signed_in');
      if (result.status !== 'signed_in') return;
      expect(result.session.length).toBeGreaterThan(20);
      const imported = await fx.gateway.importSession(result.session);
      expect(imported.user.id).toBe(result.user.id);
      const account = await fx.gateway.connect({ accountId: 'import-check', session: imported.session });
      opened.push(account);
      expect((await account.me()).id).toBe(result.user.id);
    });

    when(supports.twoFactor)('asks for the 2FA password and refuses a wrong one', async () => {
      const { phone } = await fx.world.account({ password: 'correct horse' });
      const pending = await fx.gateway.sendCode(phone);
      const step = await fx.gateway.signIn(pending, await fx.world.codeFor(phone));
      expect(step.status).toBe('password_needed');
      if (step.status !== 'password_needed') return;
      const wrong = await fx.gateway.checkPassword(step.pending, 'wrong').catch((e: unknown) => e);
      expect(wrong).toBeInstanceOf(SignInFailed);
      expect((wrong as SignInFailed).failure).toBe('password_invalid');
      const done = await fx.gateway.checkPassword(step.pending, 'correct horse');
      expect((await fx.gateway.importSession(done.session)).user.id).toBe(done.user.id);
    });

    it('keeps one connection per account', async () => {
      const { account, phone, session } = await signedIn();
      const again = await fx.gateway.connect({ accountId: `acc-${phone}`, session });
      expect(again).toBe(account);
    });

    it('resolves users and chats and reads profiles', async () => {
      const { account } = await signedIn();
      const chat = await fx.world.chat();
      const user = await fx.world.user({ chatId: chat.id });
      const resolved = await account.resolveUser(`@${user.username}`);
      expect(resolved).toMatchObject({ id: user.id, firstName: user.firstName, isBot: false });
      expect(resolved.username?.toLowerCase()).toBe(user.username.toLowerCase());
      const profile = await account.getProfile(user.username);
      expect(profile.bio).toBe(user.bio);
      expect(profile.id).toBe(user.id);
      const c = await account.resolveChat(`https://t.me/${chat.username}`);
      expect(c.id).toBe(chat.id);
      expect(['group', 'supergroup', 'channel']).toContain(c.kind);
    });

    it('joins by username and by invite link; unknown links are InvalidLink', async () => {
      const { account } = await signedIn();
      const a = await fx.world.chat();
      const b = await fx.world.chat();
      expect((await account.join(`@${a.username}`)).id).toBe(a.id);
      expect((await account.join(`@${a.username}`)).id).toBe(a.id);
      expect((await account.join(b.inviteLink)).id).toBe(b.id);
      const missing = await account.join('@no_such_chat_anywhere_42').catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(InvalidLink);
      expect((missing as InvalidLink).reaction).toBe('skip_chat');
      await expect(account.join('https://t.me/+NoSuchInviteHash1')).rejects.toBeInstanceOf(InvalidLink);
      await expect(account.join('not a link at all!')).rejects.toBeInstanceOf(InvalidLink);
    });

    it('leaves by id, username or invite link; leaving a chat it is not in is fine', async () => {
      const { account } = await signedIn();
      const a = await fx.world.chat();
      const b = await fx.world.chat();
      await account.join(a.id);
      await account.join(b.inviteLink);
      await account.leave(`@${a.username}`);
      await account.leave(b.inviteLink);
      // No longer a member: the chats are closed to it again.
      for (const chat of [a, b])
        await expect(account.ownRecentMessages(chat.id, { limit: 1 })).rejects.toBeInstanceOf(ChatPrivate);
      await account.leave(a.id);
      await account.leave(b.inviteLink);
      await account.leave(`@${(await fx.world.chat()).username}`);
      await expect(account.leave('not a link at all!')).rejects.toBeInstanceOf(InvalidLink);
    });

    when(supports.updates)('after leaving a chat, its new messages are not delivered', async () => {
      const { account } = await signedIn();
      const left = await fx.world.chat();
      const kept = await fx.world.chat();
      const user = await fx.world.user({ chatId: left.id });
      const other = await fx.world.user({ chatId: kept.id });
      await account.join(left.id);
      await account.join(kept.id);
      const received: TelegramMessage[] = [];
      account.onMessage((m) => received.push(m), { scope: 'chats' });
      await fx.world.postInChat(left.id, user.id, 'before leaving');
      await waitFor(() => received.length >= 1, { message: 'the message before leaving' });
      await account.leave(left.id);
      await account.leave(left.id);
      await fx.world.postInChat(left.id, user.id, 'after leaving');
      // The chat it stays in is the marker: once its message is in, the other one would be too.
      await fx.world.postInChat(kept.id, other.id, 'in the chat it stays in');
      await waitFor(() => received.some((m) => m.chat.id === kept.id), { message: 'the kept chat message' });
      expect(received.map((m) => m.text)).toEqual(['before leaving', 'in the chat it stays in']);
    });

    it('sends messages and replies, and shows typing', async () => {
      const { account } = await signedIn();
      const chat = await fx.world.chat();
      await account.join(`@${chat.username}`);
      await account.sendTyping(chat.id);
      const first = await account.sendMessage(chat.id, 'hello from the contract');
      expect(first.id).toBeGreaterThan(0);
      expect(first.chatId).toBe(chat.id);
      const reply = await account.sendMessage(chat.id, 'and a reply', { replyTo: first.id });
      expect(reply.id).toBeGreaterThan(first.id);
      const user = await fx.world.user();
      const dm = await account.sendMessage(`@${user.username}`, 'a private hello');
      expect(dm.chatId).toBe(user.id);
    });

    it('lists its own recent messages in a chat, newest first, with their reply targets', async () => {
      const { account } = await signedIn();
      const me = await account.me();
      const chat = await fx.world.chat();
      const user = await fx.world.user({ chatId: chat.id });
      await account.join(`@${chat.username}`);
      const first = await account.sendMessage(chat.id, 'first own line');
      await fx.world.postInChat(chat.id, user.id, 'a member in between');
      const second = await account.sendMessage(chat.id, 'second own line', { replyTo: first.id });
      const own = await account.ownRecentMessages(chat.id, { limit: 10 });
      expect(own.map((m) => [m.id, m.text, m.replyToId, m.outgoing])).toEqual([
        [second.id, 'second own line', first.id, true],
        [first.id, 'first own line', null, true],
      ]);
      expect(own[0]!.date).toBeInstanceOf(Date);
      expect(own[0]!.chat.id).toBe(chat.id);
      expect(own[0]!.sender?.id).toBe(me.id);
      const newest = await account.ownRecentMessages(chat.id, { limit: 1 });
      expect(newest.map((m) => m.id)).toEqual([second.id]);
      const after = await account.ownRecentMessages(chat.id, { limit: 10, afterId: first.id });
      expect(after.map((m) => m.id)).toEqual([second.id]);
      // Another member's messages are not its own.
      const other = await signedIn();
      await other.account.join(chat.id);
      expect(await other.account.ownRecentMessages(chat.id, { limit: 10 })).toEqual([]);
    });

    it('reads no chat it has not joined: ChatPrivate', async () => {
      const { account } = await signedIn();
      const chat = await fx.world.chat();
      const err = await account.ownRecentMessages(chat.id, { limit: 10 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChatPrivate);
    });

    withFault('user_banned_in_chat')('reads no chat it is banned from: ChatPrivate', async () => {
      const { account, phone } = await signedIn();
      const chat = await fx.world.chat();
      await account.join(chat.id);
      await account.sendMessage(chat.id, 'before the ban');
      await fx.world.fault(phone, { kind: 'user_banned_in_chat', chatId: chat.id });
      await expect(account.ownRecentMessages(chat.id, { limit: 10 })).rejects.toBeInstanceOf(ChatPrivate);
    });

    when(supports.updates)('delivers new chat messages and private messages to subscribers', async () => {
      const { account } = await signedIn();
      const me = await account.me();
      const chat = await fx.world.chat();
      const user = await fx.world.user({ chatId: chat.id });
      await account.join(chat.id);
      const inChats: TelegramMessage[] = [];
      const inPrivate: TelegramMessage[] = [];
      const stopChats = account.onMessage((m) => inChats.push(m), { scope: 'chats' });
      account.onMessage((m) => inPrivate.push(m), { scope: 'private' });
      const stream = account.messages({ chatIds: [chat.id] });
      await fx.world.postInChat(chat.id, user.id, 'looking for a flat to rent');
      await fx.world.directMessage(user.id, me.id, 'hi, is the offer still valid?');
      await waitFor(() => inChats.length >= 1 && inPrivate.length >= 1, { message: 'both messages' });
      expect(inChats[0]).toMatchObject({ text: 'looking for a flat to rent', outgoing: false });
      expect(inChats[0]!.chat.id).toBe(chat.id);
      expect(inChats[0]!.sender?.id).toBe(user.id);
      expect(inChats[0]!.date).toBeInstanceOf(Date);
      expect(inPrivate[0]).toMatchObject({ text: 'hi, is the offer still valid?' });
      expect(inPrivate[0]!.chat).toMatchObject({ kind: 'private', id: user.id });
      const first = await stream[Symbol.asyncIterator]().next();
      expect(first.value?.text).toBe('looking for a flat to rent');
      stream.close();
      stopChats();
      await fx.world.postInChat(chat.id, user.id, 'after unsubscribe');
      await fx.world.directMessage(user.id, me.id, 'second private');
      await waitFor(() => inPrivate.length >= 2, { message: 'second private message' });
      expect(inChats).toHaveLength(1);
    });

    withFault('flood_wait')(
      'FLOOD_WAIT surfaces as FloodWait with its seconds (and an account event)',
      async () => {
        const { account, phone } = await signedIn();
        const events: AccountEvent[] = [];
        account.onAccountEvent((e) => events.push(e));
        const chat = await fx.world.chat();
        await account.join(chat.id);
        await fx.world.fault(phone, { kind: 'flood_wait', seconds: 420 });
        const err = await account.sendMessage(chat.id, 'too fast').catch((e: unknown) => e);
        expect(err).toBeInstanceOf(FloodWait);
        expect((err as FloodWait).seconds).toBe(420);
        expect((err as FloodWait).reaction).toBe('wait_and_resume');
        await waitFor(() => events.some((e) => e.type === 'flood_wait' && e.seconds === 420), {
          message: 'flood_wait event',
        });
      },
    );

    withFault('slow_mode')('SLOWMODE_WAIT surfaces as SlowMode with the seconds left', async () => {
      const { account, phone } = await signedIn();
      const chat = await fx.world.chat();
      await account.join(chat.id);
      await fx.world.fault(phone, { kind: 'slow_mode', chatId: chat.id, seconds: 600 });
      await account.sendMessage(chat.id, 'first is fine');
      const err = await account.sendMessage(chat.id, 'second is too soon').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SlowMode);
      expect((err as SlowMode).seconds).toBeGreaterThan(500);
      expect((err as SlowMode).seconds).toBeLessThanOrEqual(600);
    });

    withFault('write_forbidden')('CHAT_WRITE_FORBIDDEN surfaces as WriteForbidden', async () => {
      const { account, phone } = await signedIn();
      const chat = await fx.world.chat();
      await account.join(chat.id);
      await fx.world.fault(phone, { kind: 'write_forbidden', chatId: chat.id });
      const err = await account.sendMessage(chat.id, 'muted').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WriteForbidden);
      expect((err as WriteForbidden).reason).toBe('cannot_write');
    });

    withFault('chat_private')('CHANNEL_PRIVATE surfaces as ChatPrivate', async () => {
      const { account, phone } = await signedIn();
      const chat = await fx.world.chat();
      await fx.world.fault(phone, { kind: 'chat_private', chatId: chat.id });
      const err = await account.join(chat.id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ChatPrivate);
      expect((err as ChatPrivate).reason).toBe('private_or_ban');
    });

    withFault('user_banned_in_chat')('USER_BANNED_IN_CHANNEL surfaces as UserBannedInChat', async () => {
      const { account, phone } = await signedIn();
      const chat = await fx.world.chat();
      await account.join(chat.id);
      await fx.world.fault(phone, { kind: 'user_banned_in_chat', chatId: chat.id });
      await expect(account.sendMessage(chat.id, 'banned here')).rejects.toBeInstanceOf(UserBannedInChat);
    });

    withFault('peer_flood')('PEER_FLOOD surfaces as PeerFlood and a "limited" account event', async () => {
      const { account, phone } = await signedIn();
      const events: AccountEvent[] = [];
      account.onAccountEvent((e) => events.push(e));
      const user = await fx.world.user();
      await fx.world.fault(phone, { kind: 'peer_flood' });
      const err = await account.sendMessage(user.id, 'hello stranger').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PeerFlood);
      expect((err as PeerFlood).reaction).toBe('pause_account');
      await waitFor(() => events.some((e) => e.type === 'limited'), { message: 'limited event' });
    });

    withFault('privacy_restricted')('USER_PRIVACY_RESTRICTED surfaces as PrivacyRestricted', async () => {
      const { account, phone } = await signedIn();
      const user = await fx.world.user();
      await fx.world.fault(phone, { kind: 'privacy_restricted', userId: user.id });
      await expect(account.sendMessage(user.id, 'hi')).rejects.toBeInstanceOf(PrivacyRestricted);
    });

    withFault('ban_after_dms')(
      'a ban after N private messages raises "banned" and then AccountBanned',
      async () => {
        const { account, phone } = await signedIn();
        const events: AccountEvent[] = [];
        account.onAccountEvent((e) => events.push(e));
        await fx.world.fault(phone, { kind: 'ban_after_dms', afterDms: 2 });
        const a = await fx.world.user();
        const b = await fx.world.user();
        await account.sendMessage(a.id, 'one');
        await account.sendMessage(b.id, 'two');
        const err = await account.sendMessage(a.id, 'three').catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AccountBanned);
        expect((err as TelegramError).reaction).toBe('mark_banned_and_alert');
        await waitFor(() => events.some((e) => e.type === 'banned'), { message: 'banned event' });
        expect(events.filter((e) => e.type === 'banned')).toHaveLength(1);
      },
    );
  });
}
