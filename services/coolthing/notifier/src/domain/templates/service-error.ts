import type { PayloadOf } from '@switchyard/bus';
import type { ServiceError } from '@switchyard/contracts';
import { formatDateTime, formatTime, pluralRu } from '../format';
import { clip, clipLines, tg, join, lines } from '../html';
import { defineTemplate } from './template';

type P = PayloadOf<typeof ServiceError>;

const contextOf = (p: P) =>
  join(
    Object.entries(p.context ?? {})
      .slice(0, 8)
      .map(([k, v]) => tg`${clip(k, 40)}=<code>${clip(v, 120)}</code>`),
    ', ',
  );

/** A service reported an error (`{service}.error`); bursts are per service. */
export const serviceError = defineTemplate<P>({
  type: 'service.error',
  groupKey: (p) => p.service,
  severity: () => 'error',
  refs: () => ({}),
  single({ payload: p, occurredAt }, { locale, timeZone }) {
    const at = formatDateTime(occurredAt, locale, timeZone);
    const hasContext = Object.keys(p.context ?? {}).length > 0;
    return lines(
      locale === 'ru' ? tg`❌ <b>Ошибка в сервисе ${p.service}</b>` : tg`❌ <b>Error in ${p.service}</b>`,
      tg`<code>${clipLines(p.message, 1500)}</code>`,
      hasContext && tg`${locale === 'ru' ? 'Контекст' : 'Context'}: ${contextOf(p)}`,
      tg`${locale === 'ru' ? 'Время' : 'At'}: ${at}`,
    );
  },
  heading(events, total, { locale }) {
    const service = events[0]!.payload.service;
    return locale === 'ru'
      ? tg`❌ <b>${total} ${pluralRu(total, 'ошибка', 'ошибки', 'ошибок')} в сервисе ${service}</b>:`
      : tg`❌ <b>${total} errors in ${service}</b>:`;
  },
  line({ payload: p, occurredAt }, { timeZone }) {
    return tg`${formatTime(occurredAt, timeZone)} — <code>${clip(p.message, 200)}</code>`;
  },
});
