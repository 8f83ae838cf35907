import type { TgChat, TgMessage, TgProfile, TgUser } from '@switchyard/contracts';
import type { Chat, Message, SimUser } from './model';
import type { World } from './world';

/** A user as a Telegram client sees it. */
export function userView(u: SimUser): TgUser {
  return {
    id: String(u.id),
    username: u.username,
    firstName: u.firstName,
    lastName: u.lastName,
    isBot: u.kind === 'bot',
  };
}

export function profileView(u: SimUser): TgProfile {
  return { ...userView(u), bio: u.bio };
}

export function chatView(c: Chat): TgChat {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    username: c.isPrivate ? null : c.username,
    membersCount: c.members.size,
  };
}

/** A private conversation as `viewerId` sees it: the chat is the other person. */
export function dialogChatView(world: World, viewerId: number, chatKey: string): TgChat {
  const [, x, y] = chatKey.split(':');
  const other = Number(x) === viewerId ? Number(y) : Number(x);
  const u = world.users.get(other);
  return {
    id: String(other),
    kind: 'private',
    title: u ? world.displayName(u.id) : null,
    username: u?.username ?? null,
    membersCount: null,
  };
}

/** A message as the account with user id `viewerId` receives it; undefined when it cannot see it. */
export function messageViewFor(world: World, viewerId: number, m: Message): TgMessage | undefined {
  let chat: TgChat;
  if (m.chatKey.startsWith('c:')) {
    const c = world.chats.get(m.chatKey.slice(2));
    if (!c || !c.members.has(viewerId)) return undefined;
    chat = chatView(c);
  } else {
    const [, x, y] = m.chatKey.split(':');
    if (Number(x) !== viewerId && Number(y) !== viewerId) return undefined;
    chat = dialogChatView(world, viewerId, m.chatKey);
  }
  const sender = m.senderId === null ? undefined : world.users.get(m.senderId);
  return {
    id: m.id,
    chat,
    sender: sender ? userView(sender) : null,
    text: m.text,
    date: new Date(m.date).toISOString(),
    replyToId: m.replyToId,
    outgoing: m.senderId === viewerId,
  };
}
