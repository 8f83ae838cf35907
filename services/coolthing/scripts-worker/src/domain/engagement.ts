import type { TelegramMessage } from '@switchyard/telegram';

export interface MemberMessage {
  chatId: string;
  telegramMessageId: number;
  memberId: string;
  kind: 'reply' | 'message';
  /** The script line the member answered, when they answered one. */
  replyToLineNo: number | null;
  text: string;
  at: Date;
}

export interface EngagementContext {
  /** Telegram chat id → the run's chat id. */
  chatOf(telegramChatId: string): string | undefined;
  /** Telegram user ids of the run's own accounts (their messages are the script, not engagement). */
  isScriptAccount(userId: string): boolean;
  /** The script line a message is, when the run sent it. */
  lineOf(chatId: string, telegramMessageId: number): number | undefined;
  /** True for messages the run sent that are not lines (branch answers). */
  isScriptMessage(chatId: string, telegramMessageId: number): boolean;
}

/**
 * A real member's message in one of the run's chats, classified; null for everything else
 * (other chats, the script's own accounts, bots, anonymous posts).
 */
export function memberMessage(message: TelegramMessage, ctx: EngagementContext): MemberMessage | null {
  if (message.outgoing || !message.sender || message.sender.isBot) return null;
  const chatId = ctx.chatOf(message.chat.id);
  if (!chatId || ctx.isScriptAccount(message.sender.id)) return null;
  const replyLine = message.replyToId === null ? undefined : ctx.lineOf(chatId, message.replyToId);
  const repliesToScript =
    replyLine !== undefined || (message.replyToId !== null && ctx.isScriptMessage(chatId, message.replyToId));
  return {
    chatId,
    telegramMessageId: message.id,
    memberId: message.sender.id,
    kind: repliesToScript ? 'reply' : 'message',
    replyToLineNo: replyLine ?? null,
    text: message.text,
    at: message.date,
  };
}
