import type { PayloadOf } from '@switchyard/bus';
import type { ScriptLineSkipped } from '@switchyard/contracts';
import { pluralRu } from '../format';
import { clip, tg, lines } from '../html';
import { accountLabel, chatLabel, runLabel } from '../labels';
import { defineTemplate, sameKey, type RenderContext } from './template';

type P = PayloadOf<typeof ScriptLineSkipped>;

const reasonOf = (p: P, { locale }: RenderContext) =>
  clip(locale === 'ru' ? p.reason_text_ru : p.reason_text_en, 200) || p.reason;

/** A line of a run will not be sent (its account is banned or limited); bursts are per run. */
export const scriptLineSkipped = defineTemplate<P>({
  type: 'script.line_skipped',
  groupKey: (p) => p.sfc_id,
  severity: () => 'warning',
  refs: (p) => ({ runs: [p.sfc_id], chats: [p.chat_id], accounts: [p.account_id] }),
  single({ payload: p }, r) {
    const run = runLabel(r.names, p.sfc_id, r.locale);
    const chat = chatLabel(r.names, p.chat_id, null, r.locale);
    const account = accountLabel(r.names, p.account_id, r.locale);
    if (r.locale === 'ru')
      return lines(
        tg`⚠️ <b>Строка ${p.line_no} пропущена</b> в запуске ${run}`,
        tg`Чат: ${chat}; аккаунт: ${account}`,
        tg`Причина: ${reasonOf(p, r)}`,
      );
    return lines(
      tg`⚠️ <b>Line ${p.line_no} skipped</b> in run ${run}`,
      tg`Chat: ${chat}; account: ${account}`,
      tg`Reason: ${reasonOf(p, r)}`,
    );
  },
  heading(events, total, r) {
    const sfc = sameKey(events, (p) => p.sfc_id);
    const where = sfc ? runLabel(r.names, sfc, r.locale) : null;
    if (r.locale === 'ru') {
      const head = tg`⚠️ <b>${pluralRu(total, 'Пропущена', 'Пропущены', 'Пропущено')} ${total} ${pluralRu(total, 'строка', 'строки', 'строк')}</b>`;
      return where ? tg`${head} в запуске ${where}:` : tg`${head}:`;
    }
    const head = tg`⚠️ <b>${total} lines skipped</b>`;
    return where ? tg`${head} in run ${where}:` : tg`${head}:`;
  },
  line({ payload: p }, r) {
    const chat = chatLabel(r.names, p.chat_id, null, r.locale);
    const account = accountLabel(r.names, p.account_id, r.locale);
    return tg`${r.locale === 'ru' ? 'строка' : 'line'} ${p.line_no}, ${chat}, ${account} — ${reasonOf(p, r)}`;
  },
});
