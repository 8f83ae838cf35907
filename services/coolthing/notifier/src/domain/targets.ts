import type { Locale } from './types';

export interface BotTargets {
  id: string;
  adminChatIds: readonly string[];
  locale: Locale | null;
}

export interface Target {
  botId: string;
  chatId: string;
  locale: Locale;
}

/**
 * Where an alert goes: every admin chat of every enabled bot, or the operator's choice of bot
 * and chats. The language is the chat's, else the bot's, else the default.
 */
export function targetsOf(
  bots: readonly BotTargets[],
  choice: { botId: string | null; chatIds: readonly string[] | null } | null,
  locales: { byChat: Readonly<Record<string, Locale>>; fallback: Locale },
): Target[] {
  const out: Target[] = [];
  for (const bot of bots) {
    if (choice?.botId && bot.id !== choice.botId) continue;
    for (const chatId of new Set(bot.adminChatIds)) {
      if (choice?.chatIds && !choice.chatIds.includes(chatId)) continue;
      out.push({ botId: bot.id, chatId, locale: locales.byChat[chatId] ?? bot.locale ?? locales.fallback });
    }
  }
  return out;
}

export type DeliveryState = 'pending' | 'sent' | 'failed';

/** An alert's status from its chats' states. */
export function alertStatusOf(
  states: readonly DeliveryState[],
): 'pending' | 'delivered' | 'partial' | 'failed' {
  if (states.some((s) => s === 'pending')) return 'pending';
  const sent = states.filter((s) => s === 'sent').length;
  if (sent === states.length) return 'delivered';
  return sent > 0 ? 'partial' : 'failed';
}
