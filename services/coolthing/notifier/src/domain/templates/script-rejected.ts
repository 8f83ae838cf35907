import type { PayloadOf } from '@switchyard/bus';
import type { ScriptRunRejected } from '@switchyard/contracts';
import { pluralRu } from '../format';
import { clip, tg, lines } from '../html';
import { runLabel } from '../labels';
import { defineTemplate } from './template';

type P = PayloadOf<typeof ScriptRunRejected>;

/** The scripts service refused an activation after all (accounts or chats changed meanwhile). */
export const scriptRejected = defineTemplate<P>({
  type: 'script.rejected',
  groupKey: () => 'all',
  severity: () => 'error',
  refs: (p) => ({ runs: [p.sfc_id] }),
  single({ payload: p }, { names, locale }) {
    const run = runLabel(names, p.sfc_id, locale);
    const problems = p.problems.slice(0, 10).map((x) => tg`• ${clip(x, 300)}`);
    const rest = p.problems.length - problems.length;
    return lines(
      locale === 'ru' ? tg`🚫 <b>Запуск отклонён</b>: ${run}` : tg`🚫 <b>Run refused</b>: ${run}`,
      p.problems.length > 0 && tg`${locale === 'ru' ? 'Причины' : 'Problems'}:`,
      ...problems,
      rest > 0 && tg`${locale === 'ru' ? `… и ещё ${rest}` : `… and ${rest} more`}`,
    );
  },
  heading(_events, total, { locale }) {
    return locale === 'ru'
      ? tg`🚫 <b>${pluralRu(total, 'Отклонён', 'Отклонено', 'Отклонено')} ${total} ${pluralRu(total, 'запуск', 'запуска', 'запусков')}</b>:`
      : tg`🚫 <b>${total} runs refused</b>:`;
  },
  line({ payload: p }, { names, locale }) {
    return tg`${runLabel(names, p.sfc_id, locale)} — ${clip(p.problems[0] ?? '', 160)}`;
  },
});
