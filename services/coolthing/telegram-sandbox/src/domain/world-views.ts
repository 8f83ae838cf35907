import type { Account, Chat, Fault, Message, SimUser } from './model';
import type { World } from './world';

/** How the sandbox's own API shows things (richer than a Telegram client sees them). */
export function worldChat(world: World, c: Chat) {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    username: c.username,
    inviteLink: c.inviteHash ? `https://t.me/+${c.inviteHash}` : null,
    isPrivate: c.isPrivate,
    lang: c.lang,
    topic: c.topic,
    membersCount: c.members.size,
    slowModeSeconds: c.slowModeSeconds,
    chatterPerMinute: c.chatterPerMinute,
    isAdminChat: c.isAdminChat,
    messagesCount: c.nextMessageId - 1,
    lastMessageAt: lastDate(world, `c:${c.id}`),
  };
}

export function worldDialog(world: World, key: string) {
  const [, a, b] = key.split(':');
  const d = world.dialogs.get(key)!;
  return {
    id: key,
    kind: 'private' as const,
    title: `${world.displayName(Number(a))} ↔ ${world.displayName(Number(b))}`,
    userIds: [String(a), String(b)],
    messagesCount: d.nextMessageId - 1,
    lastMessageAt: lastDate(world, key),
  };
}

function lastDate(world: World, key: string): string | null {
  const list = world.messages.get(key);
  const last = list?.[list.length - 1];
  return last ? new Date(last.date).toISOString() : null;
}

export function worldUser(u: SimUser) {
  return {
    id: String(u.id),
    kind: u.kind,
    username: u.username,
    firstName: u.firstName,
    lastName: u.lastName,
    bio: u.bio,
    lang: u.lang,
    persona: u.persona,
    privacyRestricted: u.privacyRestricted,
  };
}

export function worldMessage(world: World, m: Message) {
  const sender = m.senderId === null ? undefined : world.users.get(m.senderId);
  return {
    chatId: m.chatKey.startsWith('c:') ? m.chatKey.slice(2) : m.chatKey,
    id: m.id,
    sender: sender
      ? {
          id: String(sender.id),
          name: world.displayName(sender.id),
          username: sender.username,
          kind: sender.kind,
        }
      : null,
    text: m.text,
    date: new Date(m.date).toISOString(),
    replyToId: m.replyToId,
  };
}

export function worldAccount(world: World, a: Account) {
  const u = world.users.get(a.userId)!;
  let sessions = 0;
  for (const id of world.sessions.values()) if (id === a.id) sessions++;
  const now = world.clock.now();
  return {
    id: a.id,
    userId: String(a.userId),
    phone: a.phone,
    username: u.username,
    name: world.displayName(u.id),
    roleHint: a.roleHint,
    status: a.status,
    bannedReason: a.bannedReason,
    dmsSent: a.dmsSent,
    twoFactor: a.passwordHash !== null,
    passwordHint: a.passwordHint,
    floodWaitUntil: a.floodUntil > now ? new Date(a.floodUntil).toISOString() : null,
    signedInSessions: sessions,
    chats: [...world.chats.values()].filter((c) => c.members.has(a.userId)).map((c) => c.id),
  };
}

export function worldFault(f: Fault) {
  return {
    ...f,
    userId: f.userId === null ? null : String(f.userId),
    createdAt: new Date(f.createdAt).toISOString(),
  };
}
