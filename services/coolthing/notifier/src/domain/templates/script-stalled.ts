import type { PayloadOf } from '@switchyard/bus';
import type { ScriptStalled } from '@switchyard/contracts';
import { formatDateTime, formatDuration, pluralRu } from '../format';
import { tg, lines } from '../html';
import { runLabel } from '../labels';
import { defineTemplate, type RenderContext } from './template';

type P = PayloadOf<typeof ScriptStalled>;

const lastEvent = (p: P, { locale, timeZone }: RenderContext) =>
  p.last_event_at
    ? formatDateTime(new Date(p.last_event_at), locale, timeZone)
    : locale === 'ru'
      ? 'событий не было'
      : 'none yet';

/** The watcher heard nothing from a run for longer than its plan allows. */
export const scriptStalled = defineTemplate<P>({
  type: 'script.stalled',
  groupKey: () => 'all',
  severity: () => 'warning',
  refs: (p) => ({ runs: [p.sfc_id] }),
  single({ payload: p }, r) {
    const run = runLabel(r.names, p.sfc_id, r.locale);
    const silent = formatDuration(p.silent_for_seconds, r.locale);
    if (r.locale === 'ru')
      return lines(
        tg`⏳ <b>Запуск завис</b>: ${run}`,
        tg`Нет прогресса уже ${silent}; последнее событие: ${lastEvent(p, r)}.`,
        tg`Проверьте исполнителя и аккаунты запуска.`,
      );
    return lines(
      tg`⏳ <b>Run stalled</b>: ${run}`,
      tg`No progress for ${silent}; last event: ${lastEvent(p, r)}.`,
      tg`Check the run's worker and accounts.`,
    );
  },
  heading(_events, total, { locale }) {
    return locale === 'ru'
      ? tg`⏳ <b>${pluralRu(total, 'Завис', 'Зависли', 'Зависли')} ${total} ${pluralRu(total, 'запуск', 'запуска', 'запусков')}</b>:`
      : tg`⏳ <b>${total} runs stalled</b>:`;
  },
  line({ payload: p }, r) {
    const silent = formatDuration(p.silent_for_seconds, r.locale);
    return tg`${runLabel(r.names, p.sfc_id, r.locale)} — ${r.locale === 'ru' ? 'тишина' : 'silent for'} ${silent}`;
  },
});
