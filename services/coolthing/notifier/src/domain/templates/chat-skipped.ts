import type { PayloadOf } from '@switchyard/bus';
import type { ChatSkipped } from '@switchyard/contracts';
import { pluralRu } from '../format';
import { clip, tg, lines } from '../html';
import { chatLabel, runLabel } from '../labels';
import { defineTemplate, sameKey, type RenderContext } from './template';

type P = PayloadOf<typeof ChatSkipped>;

const reasonOf = (p: P, { locale }: RenderContext) =>
  clip(locale === 'ru' ? p.reason_text_ru : p.reason_text_en, 200) || p.reason;

const onLine = (p: P, { locale }: RenderContext) =>
  p.on_line === null ? '' : locale === 'ru' ? ` (на строке ${p.on_line})` : ` (at line ${p.on_line})`;

/** A run gave up on a chat; bursts are per run (`12 chats skipped in …`). */
export const chatSkipped = defineTemplate<P>({
  type: 'chat.skipped',
  groupKey: (p) => p.sfc_id,
  severity: () => 'warning',
  refs: (p) => ({ runs: [p.sfc_id], chats: p.chat_title ? [] : [p.chat_id] }),
  single({ payload: p }, r) {
    const run = runLabel(r.names, p.sfc_id, r.locale);
    const chat = chatLabel(r.names, p.chat_id, p.chat_title, r.locale);
    if (r.locale === 'ru')
      return lines(
        tg`⚠️ <b>Чат пропущен</b> в запуске ${run}`,
        tg`Чат: ${chat}`,
        tg`Причина: ${reasonOf(p, r)}${onLine(p, r)}`,
      );
    return lines(
      tg`⚠️ <b>Chat skipped</b> in run ${run}`,
      tg`Chat: ${chat}`,
      tg`Reason: ${reasonOf(p, r)}${onLine(p, r)}`,
    );
  },
  heading(events, total, r) {
    const sfc = sameKey(events, (p) => p.sfc_id);
    const where = sfc ? runLabel(r.names, sfc, r.locale) : null;
    if (r.locale === 'ru') {
      const head = tg`⚠️ <b>${pluralRu(total, 'Пропущен', 'Пропущено', 'Пропущено')} ${total} ${pluralRu(total, 'чат', 'чата', 'чатов')}</b>`;
      return where ? tg`${head} в запуске ${where}:` : tg`${head}:`;
    }
    const head = tg`⚠️ <b>${total} chats skipped</b>`;
    return where ? tg`${head} in run ${where}:` : tg`${head}:`;
  },
  line({ payload: p }, r) {
    return tg`${chatLabel(r.names, p.chat_id, p.chat_title, r.locale)} — ${reasonOf(p, r)}${onLine(p, r)}`;
  },
});
