import type { PayloadOf } from '@switchyard/bus';
import type { ScriptLineUnconfirmed } from '@switchyard/contracts';
import { formatDateTime, pluralRu } from '../format';
import { tg, lines } from '../html';
import { accountLabel, chatLabel, runLabel } from '../labels';
import { defineTemplate, sameKey } from './template';

type P = PayloadOf<typeof ScriptLineUnconfirmed>;

/**
 * After a worker restart: a line was being sent when the old worker died and nothing says
 * whether Telegram got it. It is never sent twice, so someone should look at the chat.
 */
export const scriptLineUnconfirmed = defineTemplate<P>({
  type: 'script.line_unconfirmed',
  groupKey: (p) => p.sfc_id,
  severity: () => 'warning',
  refs: (p) => ({ runs: [p.sfc_id], chats: [p.chat_id], accounts: [p.account_id] }),
  single({ payload: p }, { names, locale, timeZone }) {
    const run = runLabel(names, p.sfc_id, locale);
    const chat = chatLabel(names, p.chat_id, null, locale);
    const account = accountLabel(names, p.account_id, locale);
    const at = formatDateTime(new Date(p.attempted_at), locale, timeZone);
    if (locale === 'ru')
      return lines(
        tg`❓ <b>Строка ${p.line_no} не подтверждена</b> в запуске ${run}`,
        tg`Чат: ${chat}; аккаунт: ${account}; отправка начата ${at}.`,
        tg`Исполнитель упал во время отправки. Повторно строка не отправляется — проверьте чат.`,
      );
    return lines(
      tg`❓ <b>Line ${p.line_no} unconfirmed</b> in run ${run}`,
      tg`Chat: ${chat}; account: ${account}; sending began ${at}.`,
      tg`The worker died while sending it. It is not sent again — check the chat.`,
    );
  },
  heading(events, total, { names, locale }) {
    const sfc = sameKey(events, (p) => p.sfc_id);
    const where = sfc ? runLabel(names, sfc, locale) : null;
    if (locale === 'ru') {
      const head = tg`❓ <b>Не ${pluralRu(total, 'подтверждена', 'подтверждены', 'подтверждено')} ${total} ${pluralRu(total, 'строка', 'строки', 'строк')}</b>`;
      return where ? tg`${head} в запуске ${where} — проверьте чаты:` : tg`${head} — проверьте чаты:`;
    }
    const head = tg`❓ <b>${total} lines unconfirmed</b>`;
    return where ? tg`${head} in run ${where} — check the chats:` : tg`${head} — check the chats:`;
  },
  line({ payload: p }, { names, locale }) {
    const chat = chatLabel(names, p.chat_id, null, locale);
    return tg`${locale === 'ru' ? 'строка' : 'line'} ${p.line_no}, ${chat}, ${accountLabel(names, p.account_id, locale)}`;
  },
});
