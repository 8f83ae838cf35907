import type { PayloadOf } from '@switchyard/bus';
import type { ScriptStarted } from '@switchyard/contracts';
import { formatDateTime, pluralRu } from '../format';
import { clip, tg, join, lines } from '../html';
import { runLabel, shortId } from '../labels';
import { defineTemplate, type RenderContext } from './template';

type P = PayloadOf<typeof ScriptStarted>;

const chatList = (p: P, r: RenderContext) => {
  const shown = p.chats.slice(0, 5).map((c) => {
    const name = c.title ?? r.names.chat(c.chat_id);
    return name ? tg`${clip(name, 60)}` : tg`<code>${shortId(c.chat_id)}</code>`;
  });
  const rest = p.chats.length - shown.length;
  const more = rest > 0 ? (r.locale === 'ru' ? ` и ещё ${rest}` : ` and ${rest} more`) : '';
  return tg`${join(shown, ', ')}${more}`;
};

const chatsCount = (n: number, locale: 'ru' | 'en') =>
  locale === 'ru' ? `${n} ${pluralRu(n, 'чат', 'чата', 'чатов')}` : `${n} ${n === 1 ? 'chat' : 'chats'}`;

/** A run started (or resumed after a worker restart). */
export const scriptStarted = defineTemplate<P>({
  type: 'script.started',
  groupKey: () => 'all',
  severity: () => 'info',
  refs: (p) => ({ runs: [p.sfc_id], chats: p.chats.filter((c) => !c.title).map((c) => c.chat_id) }),
  single({ payload: p }, r) {
    const run = runLabel(r.names, p.sfc_id, r.locale);
    const at = formatDateTime(new Date(p.started_at), r.locale, r.timeZone);
    const resumed = p.attempt > 1;
    if (r.locale === 'ru')
      return lines(
        tg`▶️ <b>${resumed ? 'Запуск продолжен' : 'Запуск начат'}</b>: ${run}`,
        tg`Чаты (${chatsCount(p.chats.length, 'ru')}): ${chatList(p, r)}`,
        resumed && tg`Попытка ${p.attempt}: исполнитель перезапущен и продолжает с места остановки.`,
        tg`Время: ${at}`,
      );
    return lines(
      tg`▶️ <b>${resumed ? 'Run resumed' : 'Run started'}</b>: ${run}`,
      tg`Chats (${chatsCount(p.chats.length, 'en')}): ${chatList(p, r)}`,
      resumed && tg`Attempt ${p.attempt}: the worker was restarted and resumes where it stopped.`,
      tg`At: ${at}`,
    );
  },
  heading(_events, total, { locale }) {
    return locale === 'ru'
      ? tg`▶️ <b>${pluralRu(total, 'Начат', 'Начато', 'Начато')} ${total} ${pluralRu(total, 'запуск', 'запуска', 'запусков')}</b>:`
      : tg`▶️ <b>${total} runs started</b>:`;
  },
  line({ payload: p }, r) {
    return tg`${runLabel(r.names, p.sfc_id, r.locale)} — ${chatsCount(p.chats.length, r.locale)}`;
  },
});
