import type { PayloadOf } from '@switchyard/bus';
import type { ScriptCrashed } from '@switchyard/contracts';
import { formatDateTime, formatTime, pluralRu } from '../format';
import { clip, clipLines, tg, lines } from '../html';
import { runLabel } from '../labels';
import { defineTemplate } from './template';

type P = PayloadOf<typeof ScriptCrashed>;

/** A run's worker crashed; the watchdog restarts it and it resumes. */
export const scriptCrashed = defineTemplate<P>({
  type: 'script.crashed',
  groupKey: (p) => p.sfc_id,
  severity: () => 'error',
  refs: (p) => ({ runs: [p.sfc_id] }),
  single({ payload: p, occurredAt }, { names, locale, timeZone }) {
    const run = runLabel(names, p.sfc_id, locale);
    const at = formatDateTime(occurredAt, locale, timeZone);
    const reason = clipLines(p.reason, 800);
    if (locale === 'ru')
      return lines(
        tg`💥 <b>Сбой исполнителя запуска</b>: ${run}`,
        tg`Причина: <code>${reason}</code>`,
        tg`Перезапусков: ${p.restarts}. Наблюдатель перезапускает исполнителя, и запуск продолжается с места сбоя.`,
        tg`Время: ${at}`,
      );
    return lines(
      tg`💥 <b>Run worker crashed</b>: ${run}`,
      tg`Reason: <code>${reason}</code>`,
      tg`Restarts so far: ${p.restarts}. The watchdog restarts the worker and the run resumes where it stopped.`,
      tg`At: ${at}`,
    );
  },
  heading(events, total, { names, locale }) {
    const run = runLabel(names, events[0]!.payload.sfc_id, locale);
    return locale === 'ru'
      ? tg`💥 <b>Исполнитель запуска ${run} упал ${total} ${pluralRu(total, 'раз', 'раза', 'раз')}</b>:`
      : tg`💥 <b>Run worker of ${run} crashed ${total} times</b>:`;
  },
  line({ payload: p, occurredAt }, { timeZone }) {
    return tg`${formatTime(occurredAt, timeZone)} — <code>${clip(p.reason, 200)}</code>`;
  },
});
