import type { Locale } from './types';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Date and time in the configured zone, with the zone's offset: `25.03.2025 14:03:07 UTC+3`
 * (ru) or `25 Mar 2025, 14:03:07 UTC+3` (en). The original formatted only the time part as a
 * date and printed 01.01.1900.
 */
export function formatDateTime(at: Date, locale: Locale, timeZone: string): string {
  if (Number.isNaN(at.getTime())) return locale === 'ru' ? 'время неизвестно' : 'unknown time';
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const zone = (parts.timeZoneName ?? '').replace(/^GMT(?:[+-]0)?$/, 'UTC').replace(/^GMT/, 'UTC');
  const time = `${parts.hour}:${parts.minute}:${parts.second}`;
  return locale === 'ru'
    ? `${parts.day}.${parts.month}.${parts.year} ${time} ${zone}`
    : `${parts.day} ${MONTHS_EN[Number(parts.month) - 1]} ${parts.year}, ${time} ${zone}`;
}

/** Time of day only, for lines of a burst whose date the heading gives. */
export function formatTime(at: Date, timeZone: string): string {
  if (Number.isNaN(at.getTime())) return '--:--:--';
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Russian plural form: 1 чат, 2 чата, 5 чатов, 21 чат. */
export function pluralRu(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

export const pluralEn = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** `1 h 5 min` / `1 ч 5 мин`; seconds only under a minute. */
export function formatDuration(totalSeconds: number, locale: Locale): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const u = locale === 'ru' ? { d: 'д', h: 'ч', m: 'мин', s: 'с' } : { d: 'd', h: 'h', m: 'min', s: 's' };
  if (s < 60) return `${s} ${u.s}`;
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const out: string[] = [];
  if (days) out.push(`${days} ${u.d}`);
  if (hours) out.push(`${hours} ${u.h}`);
  if (minutes && !days) out.push(`${minutes} ${u.m}`);
  return out.join(' ');
}
