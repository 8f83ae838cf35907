import { tg, type Html } from './html';
import type { Locale, NameBook, Severity } from './types';

/** The first characters of an id, for the rare thing that has no name anywhere. */
export const shortId = (id: string): string => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

const q = (locale: Locale, text: string): Html => (locale === 'ru' ? tg`«${text}»` : tg`“${text}”`);

/** `«Spring promo» (campaign «Flats»)`; never the run's UUID when the admin knows its names. */
export function runLabel(names: NameBook, sfcId: string, locale: Locale): Html {
  const run = names.run(sfcId);
  // The templates already say "run" / "запуск".
  if (!run) return tg`<code>${shortId(sfcId)}</code>`;
  if (!run.campaign) return q(locale, run.script);
  return tg`${q(locale, run.script)} (${locale === 'ru' ? 'кампания' : 'campaign'} ${q(locale, run.campaign)})`;
}

export function campaignLabel(names: NameBook, campaignId: string, locale: Locale): Html {
  const name = names.campaign(campaignId);
  if (name) return q(locale, name);
  return tg`${locale === 'ru' ? 'кампания' : 'campaign'} <code>${shortId(campaignId)}</code>`;
}

/** `@demo_parser_1` or the account's name. */
export function accountLabel(names: NameBook, accountId: string, locale: Locale): Html {
  const name = names.account(accountId);
  if (name) return tg`<b>${name}</b>`;
  return tg`${locale === 'ru' ? 'аккаунт' : 'account'} <code>${shortId(accountId)}</code>`;
}

/** The chat's title from the event when it carries one, else from the registry. */
export function chatLabel(
  names: NameBook,
  chatId: string | null,
  title: string | null,
  locale: Locale,
): Html {
  const name = title ?? (chatId ? names.chat(chatId) : null);
  if (name) return q(locale, name);
  if (!chatId) return tg`${locale === 'ru' ? 'без чата' : 'no chat'}`;
  return tg`${locale === 'ru' ? 'чат' : 'chat'} <code>${shortId(chatId)}</code>`;
}

/** A Telegram user who is a lead: `@username (First Last)`, or names, or the numeric id. */
export function userLabel(
  user: { username: string | null; firstName?: string | null; lastName?: string | null; userId: string },
  locale: Locale,
): Html {
  const full = [user.firstName, user.lastName].filter(Boolean).join(' ');
  if (user.username) return full ? tg`@${user.username} (${full})` : tg`@${user.username}`;
  if (full) return tg`${full}`;
  return tg`${locale === 'ru' ? 'пользователь' : 'user'} <code>${user.userId}</code>`;
}

const ICONS: Record<Severity, string> = { info: 'ℹ️', warning: '⚠️', error: '❌', critical: '🚨' };
export const severityIcon = (s: Severity): string => ICONS[s];

export const SEVERITY_NAMES: Record<Locale, Record<Severity, string>> = {
  en: { info: 'info', warning: 'warning', error: 'error', critical: 'critical' },
  ru: { info: 'инфо', warning: 'предупреждение', error: 'ошибка', critical: 'критично' },
};
