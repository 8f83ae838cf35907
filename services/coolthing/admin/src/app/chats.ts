// The chat registry's one Telegram operation: filling in a chat's title, id, kind and size
// through an account the operator picks, under that account's session lease.
import { newId } from '@switchyard/bus';
import { conflict, notFound, unprocessable } from '@switchyard/kit';
import { isUniqueViolation } from '@switchyard/store';
import type { TelegramChat } from '@switchyard/telegram';
import { connectWithLease, SessionLeaseHeld } from '@switchyard/telegram/lease';
import { sessionLeases } from './leases';
import type { Actor } from '../domain/audit';
import type { ChatKind } from '../domain/types';
import { findAccount } from '../repositories/accounts';
import { recordAudit } from '../repositories/audit';
import { findChat, updateChat, type ChatRow } from '../repositories/chats';
import { credentialsOf } from './credentials';
import type { Infra } from './deps';
import { telegramProblem } from './telegram-problems';

/** Telegram's kind in the registry's words; a private dialog is not a chat to post in. */
export function registryKind(kind: TelegramChat['kind']): ChatKind | null {
  if (kind === 'channel') return 'channel_comments';
  if (kind === 'group' || kind === 'supergroup') return kind;
  return null;
}

/** How to address a chat: its id, else its username, else its link. */
export const peerOf = (chat: Pick<ChatRow, 'telegram_id' | 'username' | 'link'>): string | null =>
  chat.telegram_id ?? (chat.username ? `@${chat.username}` : chat.link);

export class ChatResolver {
  constructor(private readonly infra: Infra) {}

  async resolve(actor: Actor, chatId: string, accountId: string): Promise<ChatRow> {
    const chat = await findChat(this.infra.db, chatId);
    if (!chat) throw notFound('Chat');
    const peer = peerOf(chat);
    if (!peer) throw unprocessable('The chat has no Telegram id, username or link to resolve.');
    const account = await findAccount(this.infra.db, accountId);
    if (!account)
      throw unprocessable('The account does not exist.', [
        { path: 'body.accountId', message: 'unknown account' },
      ]);
    const leases = sessionLeases(this.infra.db, 60_000);
    let found: TelegramChat;
    try {
      const leased = await connectWithLease(
        this.infra.telegram.gateway(),
        leases,
        credentialsOf(account, this.infra.secrets),
        `admin-resolve-${newId()}`,
      );
      try {
        found = await leased.account.resolveChat(peer);
      } finally {
        await leased.release().catch(() => undefined);
      }
    } catch (err) {
      if (err instanceof SessionLeaseHeld)
        throw conflict(
          `The account's session is in use by ${err.holder}; pick another account or try later.`,
        );
      throw telegramProblem(err);
    }
    const kind = registryKind(found.kind);
    if (!kind) throw unprocessable('This is a private dialog, not a group or a channel.');
    try {
      return await this.infra.transaction(async (trx) => {
        const updated = await updateChat(trx, chatId, {
          telegram_id: found.id,
          title: found.title ?? chat.title,
          username: found.username ?? chat.username,
          kind,
          members_count: found.membersCount ?? chat.members_count,
          resolved_at: this.infra.clock(),
        });
        if (!updated) throw notFound('Chat');
        await recordAudit(trx, actor, {
          action: 'chat.resolved',
          entityType: 'chat',
          entityId: chatId,
          details: { accountId, telegramId: found.id },
        });
        return updated;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`Telegram chat ${found.id} is already in the registry.`);
      throw err;
    }
  }
}
