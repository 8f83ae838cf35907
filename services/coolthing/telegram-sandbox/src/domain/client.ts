import type { TgChat, TgMessage, TgProfile, TgUser } from '@switchyard/contracts';
import { InvalidLink, parsePeerRef } from '@switchyard/telegram';
import { banAccount, checkAccount, checkChatWrite, findFault, fire } from './faults';
import { scheduleDmReply, scheduleEngagement } from './chatter';
import { chatKeyOf, dialogKeyOf, rpc, RpcFailure, type Account, type Chat, type SimUser } from './model';
import { chatView, messageViewFor, profileView, userView } from './views';
import type { World } from './world';

type Target = { kind: 'user'; user: SimUser } | { kind: 'chat'; chat: Chat };

/** What a ref points at, from this account's point of view; Telegram's errors otherwise. */
export function resolveTarget(world: World, account: Account, ref: string): Target {
  let parsed;
  try {
    parsed = parsePeerRef(ref);
  } catch (err) {
    if (err instanceof InvalidLink) throw rpc.usernameInvalid();
    throw err;
  }
  if (parsed.kind === 'invite') {
    const chat = world.chatsByInvite.get(parsed.hash);
    if (!chat) throw rpc.inviteInvalid();
    return { kind: 'chat', chat };
  }
  if (parsed.kind === 'id') {
    const chat = world.chats.get(parsed.id);
    if (chat) {
      if (chat.isPrivate && !chat.members.has(account.userId)) throw rpc.channelPrivate();
      return { kind: 'chat', chat };
    }
    const user = world.users.get(Number(parsed.id));
    if (user) return { kind: 'user', user };
    throw rpc.peerInvalid();
  }
  const entry = world.usernames.get(parsed.username);
  if (!entry) throw rpc.usernameNotOccupied();
  if (entry.kind === 'user') return { kind: 'user', user: world.users.get(entry.id)! };
  const chat = world.chats.get(entry.id)!;
  if (chat.isPrivate) throw rpc.usernameNotOccupied();
  return { kind: 'chat', chat };
}

export function me(world: World, account: Account): TgUser {
  checkAccount(world, account, 'any');
  return userView(world.users.get(account.userId)!);
}

export function join(world: World, account: Account, target: string): TgChat {
  checkAccount(world, account, 'join');
  const t = resolveTarget(world, account, target);
  if (t.kind !== 'chat') throw rpc.peerInvalid();
  const where = { accountId: account.id, chatId: t.chat.id };
  if (findFault(world, 'chat_private', where)) throw rpc.channelPrivate();
  // A user banned from a chat cannot see it any more: Telegram answers CHANNEL_PRIVATE here.
  if (findFault(world, 'user_banned_in_chat', where)) throw rpc.channelPrivate();
  world.addMember(t.chat, account.userId);
  return chatView(t.chat);
}

/**
 * Takes the account out of a chat. A chat it is not in answers nothing: leaving is the state
 * asked for, however the account got out (never joined, left before, private to it now).
 */
export function leave(world: World, account: Account, target: string): void {
  checkAccount(world, account, 'leave');
  let t: Target;
  try {
    t = resolveTarget(world, account, target);
  } catch (err) {
    // A private chat the account is not in hides itself (CHANNEL_PRIVATE): it is not in it.
    if (err instanceof RpcFailure && err.text === 'CHANNEL_PRIVATE') return;
    throw err;
  }
  if (t.kind !== 'chat') throw rpc.peerInvalid();
  world.removeMember(t.chat, account.userId);
}

export function resolve(
  world: World,
  account: Account,
  ref: string,
  expect: 'user' | 'chat',
): { kind: 'user'; user: TgUser } | { kind: 'chat'; chat: TgChat } {
  checkAccount(world, account, 'resolve');
  const t = resolveTarget(world, account, ref);
  if (t.kind === 'chat') {
    if (findFault(world, 'chat_private', { accountId: account.id, chatId: t.chat.id }))
      throw rpc.channelPrivate();
    if (expect === 'user') throw rpc.peerInvalid();
    return { kind: 'chat', chat: chatView(t.chat) };
  }
  if (expect === 'chat') throw rpc.peerInvalid();
  return { kind: 'user', user: userView(t.user) };
}

export function profile(world: World, account: Account, ref: string): TgProfile {
  checkAccount(world, account, 'profile');
  const t = resolveTarget(world, account, ref);
  if (t.kind !== 'user') throw rpc.peerInvalid();
  return profileView(t.user);
}

export function send(
  world: World,
  account: Account,
  ref: string,
  text: string,
  replyTo?: number,
): { id: number; chatId: string; date: string } {
  if (text.trim() === '') throw rpc.messageEmpty();
  checkAccount(world, account, 'send');
  const t = resolveTarget(world, account, ref);
  if (t.kind === 'chat') {
    checkChatWrite(world, account, t.chat);
    const key = chatKeyOf(t.chat.id);
    if (replyTo !== undefined && !world.findMessage(key, replyTo)) throw rpc.replyInvalid();
    const m = world.post(key, account.userId, text, replyTo ?? null);
    world.lastSend.set(`${account.id}|${t.chat.id}`, m.date);
    scheduleEngagement(world, t.chat, m);
    return { id: m.id, chatId: t.chat.id, date: new Date(m.date).toISOString() };
  }
  return sendPrivate(world, account, t.user, text, replyTo);
}

function sendPrivate(
  world: World,
  account: Account,
  to: SimUser,
  text: string,
  replyTo?: number,
): { id: number; chatId: string; date: string } {
  const where = { accountId: account.id, userId: to.id };
  const peerFlood = findFault(world, 'peer_flood', where);
  if (peerFlood) {
    fire(world, peerFlood);
    if (account.status === 'active') {
      account.status = 'limited';
      world.saveAccount(account);
    }
    world.emit({
      type: 'account',
      accountId: account.id,
      event: { type: 'limited', reason: 'PEER_FLOOD', at: world.clock.now() },
    });
    throw rpc.peerFlood();
  }
  if (to.privacyRestricted || findFault(world, 'privacy_restricted', where)) throw rpc.privacy();
  if (to.kind === 'bot') {
    const bot = world.bots.get(to.id);
    bot?.contacts.add(account.userId);
    if (bot) world.sink.bot(bot);
  }
  const dialog = world.dialog(account.userId, to.id);
  if (replyTo !== undefined && !world.findMessage(dialog.key, replyTo)) throw rpc.replyInvalid();
  const m = world.post(dialog.key, account.userId, text, replyTo ?? null);
  account.dmsSent += 1;
  world.saveAccount(account);
  const banAfter = findFault(world, 'ban_after_dms', { accountId: account.id });
  if (banAfter && banAfter.afterDms !== null && account.dmsSent >= banAfter.afterDms) {
    // Telegram bans after the fact: this message went out, the next call fails.
    banAccount(world, account, 'USER_DEACTIVATED_BAN');
  }
  if (to.kind === 'member') scheduleDmReply(world, to, account.userId, m.id);
  return { id: m.id, chatId: String(to.id), date: new Date(m.date).toISOString() };
}

/**
 * The account's own latest messages in a chat or private conversation, newest first. Only a
 * member reads a chat (the sandbox shows no public previews); a banned member or a chat made
 * private to it answers CHANNEL_PRIVATE, as joining does.
 */
export function ownRecentMessages(
  world: World,
  account: Account,
  ref: string,
  options: { limit: number; afterId?: number },
): TgMessage[] {
  checkAccount(world, account, 'history');
  const t = resolveTarget(world, account, ref);
  let key: string;
  if (t.kind === 'chat') {
    const where = { accountId: account.id, chatId: t.chat.id };
    if (findFault(world, 'chat_private', where) || findFault(world, 'user_banned_in_chat', where))
      throw rpc.channelPrivate();
    if (!t.chat.members.has(account.userId)) throw rpc.channelPrivate();
    key = chatKeyOf(t.chat.id);
  } else key = dialogKeyOf(account.userId, t.user.id);
  return world
    .messagesBy(key, account.userId, options)
    .map((m) => messageViewFor(world, account.userId, m))
    .filter((m): m is TgMessage => m !== undefined);
}

export function typing(world: World, account: Account, ref: string, action: 'typing' | 'cancel'): void {
  checkAccount(world, account, 'typing');
  const t = resolveTarget(world, account, ref);
  if (t.kind === 'chat') {
    checkChatWrite(world, account, t.chat, { slowMode: false });
    world.emit({ type: 'typing', chatKey: chatKeyOf(t.chat.id), userId: account.userId, action });
  } else {
    world.emit({
      type: 'typing',
      chatKey: world.dialog(account.userId, t.user.id).key,
      userId: account.userId,
      action,
    });
  }
}
