import type { PayloadOf } from '@switchyard/bus';
import type { AccountFloodWait } from '@switchyard/contracts';
import { formatDateTime, formatDuration, pluralRu } from '../format';
import { tg, lines } from '../html';
import { accountLabel } from '../labels';
import { defineTemplate } from './template';

type P = PayloadOf<typeof AccountFloodWait>;

/** Telegram made an account wait (FloodWait); it is paused until then. */
export const accountFloodWait = defineTemplate<P>({
  type: 'account.flood_wait',
  groupKey: () => 'all',
  severity: () => 'warning',
  refs: (p) => ({ accounts: [p.account_id] }),
  single({ payload: p }, { names, locale, timeZone }) {
    const account = accountLabel(names, p.account_id, locale);
    const until = formatDateTime(new Date(p.until), locale, timeZone);
    const wait = formatDuration(p.seconds, locale);
    if (locale === 'ru')
      return lines(
        tg`⏸ <b>Аккаунт на паузе: FloodWait</b>`,
        tg`Аккаунт: ${account}`,
        tg`Telegram требует подождать ${wait}, до ${until}. Работа переходит к другим аккаунтам, где кампания это позволяет.`,
      );
    return lines(
      tg`⏸ <b>Account paused: FloodWait</b>`,
      tg`Account: ${account}`,
      tg`Telegram asked it to wait ${wait}, until ${until}. Its work moves to other accounts where the campaign allows it.`,
    );
  },
  heading(events, total, { locale }) {
    return locale === 'ru'
      ? tg`⏸ <b>FloodWait: ${total} ${pluralRu(total, 'аккаунт', 'аккаунта', 'аккаунтов')} на паузе</b>:`
      : tg`⏸ <b>FloodWait: ${total} accounts paused</b>:`;
  },
  line({ payload: p }, { names, locale, timeZone }) {
    const until = formatDateTime(new Date(p.until), locale, timeZone);
    return tg`${accountLabel(names, p.account_id, locale)} — ${formatDuration(p.seconds, locale)} (${locale === 'ru' ? 'до' : 'until'} ${until})`;
  },
});
