// Messages that can never be leads, whatever they say.
import type { TelegramMessage } from '@switchyard/telegram';

export type SkipReason = 'outgoing' | 'own' | 'known_account' | 'bot' | 'anonymous' | 'no_text';

export interface SenderContext {
  /** The account's own Telegram user id. */
  selfId: string;
  /** Telegram user ids of every account the system runs (managers, actors, other parsers). */
  knownAccountUserIds: ReadonlySet<string>;
}

/** Why a message is skipped, or null when it may be a lead. */
export function skipReason(message: TelegramMessage, context: SenderContext): SkipReason | null {
  if (message.outgoing) return 'outgoing';
  const sender = message.sender;
  if (!sender) return 'anonymous';
  if (sender.id === context.selfId) return 'own';
  if (context.knownAccountUserIds.has(sender.id)) return 'known_account';
  if (sender.isBot) return 'bot';
  if (!message.text.trim()) return 'no_text';
  return null;
}
