// Which parser account of a campaign watches which of its chats. Rendezvous hashing: each chat
// goes to the account with the highest score for (chat, account), so when an account leaves
// (a flood wait, a ban) only its own chats move, and they come back when it returns.
import { createHash } from 'node:crypto';

const score = (chatId: string, accountId: string): bigint =>
  createHash('sha256').update(`${chatId}\u0000${accountId}`).digest().readBigUInt64BE(0);

/** The account among `accountIds` that watches `chatId`, or null when there is none. */
export function chatOwner(chatId: string, accountIds: readonly string[]): string | null {
  let best: string | null = null;
  let bestScore = -1n;
  for (const accountId of accountIds) {
    const s = score(chatId, accountId);
    if (s > bestScore || (s === bestScore && best !== null && accountId < best)) {
      best = accountId;
      bestScore = s;
    }
  }
  return best;
}

/** The chats of `chatIds` that `accountId` watches when `accountIds` share them. */
export function chatsOf(accountId: string, chatIds: readonly string[], accountIds: readonly string[]): string[] {
  if (!accountIds.includes(accountId)) return [];
  return chatIds.filter((chatId) => chatOwner(chatId, accountIds) === accountId);
}
