import type { PayloadOf } from '@switchyard/bus';
import type { ServiceCrashed } from '@switchyard/contracts';
import { formatDateTime, formatTime, pluralRu } from '../format';
import { clip, clipLines, tg, lines } from '../html';
import { defineTemplate } from './template';

type P = PayloadOf<typeof ServiceCrashed>;

/** A service reported that it crashed (`{service}.crash`); bursts are per service. */
export const serviceCrash = defineTemplate<P>({
  type: 'service.crash',
  groupKey: (p) => p.service,
  severity: () => 'critical',
  refs: () => ({}),
  single({ payload: p, occurredAt }, { locale, timeZone }) {
    const at = formatDateTime(occurredAt, locale, timeZone);
    return lines(
      locale === 'ru' ? tg`🔥 <b>Сбой сервиса ${p.service}</b>` : tg`🔥 <b>Service ${p.service} crashed</b>`,
      tg`${locale === 'ru' ? 'Причина' : 'Reason'}: <code>${clipLines(p.reason, 1500)}</code>`,
      tg`${locale === 'ru' ? 'Время' : 'At'}: ${at}`,
    );
  },
  heading(events, total, { locale }) {
    const service = events[0]!.payload.service;
    return locale === 'ru'
      ? tg`🔥 <b>Сервис ${service} упал ${total} ${pluralRu(total, 'раз', 'раза', 'раз')}</b>:`
      : tg`🔥 <b>Service ${service} crashed ${total} times</b>:`;
  },
  line({ payload: p, occurredAt }, { timeZone }) {
    return tg`${formatTime(occurredAt, timeZone)} — <code>${clip(p.reason, 200)}</code>`;
  },
});
