import type { PayloadOf } from '@switchyard/bus';
import type { ScriptFinished } from '@switchyard/contracts';
import { formatDateTime, pluralRu } from '../format';
import { clip, tg, lines, type Html } from '../html';
import { chatLabel, runLabel } from '../labels';
import type { Locale, Severity } from '../types';
import { defineTemplate, type RenderContext } from './template';

type P = PayloadOf<typeof ScriptFinished>;
type Outcome = 'success' | 'problems' | 'stopped' | 'failed';

const outcomeOf = (p: P): Outcome =>
  p.status === 'failed'
    ? 'failed'
    : p.status === 'stopped'
      ? 'stopped'
      : p.problems.length > 0
        ? 'problems'
        : 'success';

const TITLES: Record<Locale, Record<Outcome, string>> = {
  en: {
    success: '✅ Run finished: success',
    problems: '⚠️ Run finished with problems',
    stopped: '⏹ Run stopped by an operator',
    failed: '❌ Run failed',
  },
  ru: {
    success: '✅ Запуск завершён: успешно',
    problems: '⚠️ Запуск завершён с проблемами',
    stopped: '⏹ Запуск остановлен оператором',
    failed: '❌ Запуск завершился неудачей',
  },
};

/** The outcome word every message states (the original never said whether a run succeeded). */
const RESULT: Record<Locale, Record<Outcome, string>> = {
  en: { success: 'success', problems: 'partial success', stopped: 'stopped', failed: 'failure' },
  ru: { success: 'успех', problems: 'частичный успех', stopped: 'остановлен', failed: 'неудача' },
};

const SEVERITY: Record<Outcome, Severity> = {
  success: 'info',
  problems: 'warning',
  stopped: 'info',
  failed: 'error',
};

const problemLines = (p: P, r: RenderContext): Html[] => {
  const shown = p.problems
    .slice(0, 10)
    .map((x) => tg`• ${chatLabel(r.names, x.chat_id, null, r.locale)} — ${clip(x.text || x.reason, 200)}`);
  const rest = p.problems.length - shown.length;
  if (rest > 0) shown.push(tg`${r.locale === 'ru' ? `… и ещё ${rest}` : `… and ${rest} more`}`);
  return shown;
};

/** A run ended: done, done with problems, stopped or failed, always said in words. */
export const scriptFinished = defineTemplate<P>({
  type: 'script.finished',
  groupKey: () => 'all',
  severity: (p) => SEVERITY[outcomeOf(p)],
  refs: (p) => ({
    runs: [p.sfc_id],
    chats: p.problems.flatMap((x) => (x.chat_id ? [x.chat_id] : [])),
  }),
  single({ payload: p }, r) {
    const outcome = outcomeOf(p);
    const run = runLabel(r.names, p.sfc_id, r.locale);
    const at = formatDateTime(new Date(p.finished_at), r.locale, r.timeZone);
    const n = p.problems.length;
    if (r.locale === 'ru')
      return lines(
        tg`<b>${TITLES.ru[outcome]}</b>`,
        tg`Запуск: ${run}`,
        tg`Результат: ${RESULT.ru[outcome]}`,
        n > 0 && tg`${n} ${pluralRu(n, 'проблема', 'проблемы', 'проблем')}:`,
        ...problemLines(p, r),
        tg`Завершён: ${at}`,
      );
    return lines(
      tg`<b>${TITLES.en[outcome]}</b>`,
      tg`Run: ${run}`,
      tg`Result: ${RESULT.en[outcome]}`,
      n > 0 && tg`${n} ${n === 1 ? 'problem' : 'problems'}:`,
      ...problemLines(p, r),
      tg`Finished: ${at}`,
    );
  },
  heading(events, total, { locale }) {
    const failed = events.filter((e) => outcomeOf(e.payload) === 'failed').length;
    if (locale === 'ru')
      return tg`🏁 <b>${pluralRu(total, 'Завершён', 'Завершено', 'Завершено')} ${total} ${pluralRu(total, 'запуск', 'запуска', 'запусков')}</b>${failed ? `, неудачно: ${failed}` : ''}:`;
    return tg`🏁 <b>${total} runs finished</b>${failed ? `, ${failed} failed` : ''}:`;
  },
  line({ payload: p }, r) {
    const outcome = outcomeOf(p);
    const n = p.problems.length;
    const problems =
      n === 0 ? '' : r.locale === 'ru' ? ` (проблем: ${n})` : ` (${n} ${n === 1 ? 'problem' : 'problems'})`;
    return tg`${runLabel(r.names, p.sfc_id, r.locale)} — ${RESULT[r.locale][outcome]}${problems}`;
  },
});
