// Which chats a parser account leaves when its assignment no longer has them.
//
// Which memberships are the parser's to give up? Telegram does not say whether the account was
// in a chat before the parser joined it (a join of a chat already joined just succeeds), and a
// restarted worker does not know what the previous process joined. So the honest rule is the
// narrow one: a worker leaves only chats it joined itself, in this process, once the assignment
// drops them while it runs. Chats dropped while no worker ran, and chats the account was in
// before (and never joined for an assignment), stay as they are.
import type { AssignedCampaign } from './assignment';

/**
 * Registry ids of every chat the assignment still has, in any campaign: a campaign whose
 * keywords do not compile is still assigned (it is parsed again once fixed), so its chats stay.
 */
export function assignedChatIds(campaigns: readonly Pick<AssignedCampaign, 'chats'>[]): Set<string> {
  return new Set(campaigns.flatMap((c) => c.chats.map((chat) => chat.id)));
}

/**
 * The Telegram chats to leave, given the ones this worker joined (`memberships`), which
 * registry chat was joined as which Telegram chat (`joinedAs`: registry id → Telegram id) and
 * the registry chats now assigned. A Telegram chat stays while any assigned registry chat was
 * joined as it: the same chat through another campaign, or under a second registry entry.
 */
export function chatsToLeave(
  memberships: Iterable<string>,
  joinedAs: ReadonlyMap<string, string>,
  assigned: ReadonlySet<string>,
): string[] {
  const needed = new Set<string>();
  for (const [registryId, telegramId] of joinedAs) if (assigned.has(registryId)) needed.add(telegramId);
  return [...new Set(memberships)].filter((telegramId) => !needed.has(telegramId));
}
