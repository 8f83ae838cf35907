import type { Reaction, TelegramErrorCode } from './errors';

/**
 * Why a chat (or a recipient) was skipped. The first nine are the original scripts worker's
 * table (reference §3, scripts_worker); the rest name the cases it lumped into "unknown".
 */
export type SkipReason =
  | 'cannot_write'
  | 'bad_link'
  | 'private_or_ban'
  | 'forbidden_words_or_dead_link'
  | 'not_discussion_member'
  | 'slow_mode'
  | 'number_banned'
  | 'banned_in_channel'
  | 'unknown_error'
  | 'flood_wait'
  | 'peer_flood'
  | 'privacy_restricted'
  | 'sign_in_failed';

/** Human text for each reason, in the two languages the operators use. */
export const skipReasonText: Record<SkipReason, { ru: string; en: string }> = {
  cannot_write: { ru: 'нет права писать в чат', en: 'cannot write' },
  bad_link: { ru: 'неверная ссылка', en: 'bad link' },
  private_or_ban: { ru: 'приватный чат или бан', en: 'private chat or ban' },
  forbidden_words_or_dead_link: {
    ru: 'запрещённые слова или мёртвая ссылка',
    en: 'forbidden words or dead link',
  },
  not_discussion_member: {
    ru: 'аккаунт не участник группы обсуждения',
    en: 'not a member of a discussion group',
  },
  slow_mode: { ru: 'медленный режим', en: 'slow mode' },
  number_banned: { ru: 'номер заблокирован', en: 'number banned' },
  banned_in_channel: { ru: 'аккаунт заблокирован в канале', en: 'account banned in channel' },
  unknown_error: { ru: 'неизвестная ошибка', en: 'unknown error' },
  flood_wait: { ru: 'ограничение частоты (FloodWait)', en: 'flood wait' },
  peer_flood: { ru: 'аккаунт ограничен за спам (PeerFlood)', en: 'account limited (peer flood)' },
  privacy_restricted: {
    ru: 'настройки приватности получателя',
    en: "recipient's privacy settings",
  },
  sign_in_failed: { ru: 'вход не удался', en: 'sign-in failed' },
};

/** The defined reaction to each typed error, for workers that branch on codes. */
export const reactionOf: Record<TelegramErrorCode, Reaction> = {
  FLOOD_WAIT: 'wait_and_resume',
  SLOW_MODE: 'wait_and_resume',
  PEER_FLOOD: 'pause_account',
  WRITE_FORBIDDEN: 'skip_chat',
  CHAT_PRIVATE: 'skip_chat',
  USER_BANNED_IN_CHAT: 'skip_chat',
  ACCOUNT_BANNED: 'mark_banned_and_alert',
  PRIVACY_RESTRICTED: 'skip_chat',
  INVALID_LINK: 'skip_chat',
  SIGN_IN_FAILED: 'ask_again',
  UNKNOWN: 'skip_chat',
};

/** Waits up to this long are slept through by the worker; longer ones pause the account. */
export const DEFAULT_LONG_WAIT_SECONDS = 60;

/** `skipReasonText[reason][lang]`, for notifications. */
export function describeReason(reason: SkipReason, lang: 'ru' | 'en'): string {
  return skipReasonText[reason][lang];
}
