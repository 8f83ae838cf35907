import type { PayloadOf } from '@switchyard/bus';
import type { AccountBanned } from '@switchyard/contracts';
import { formatDateTime, pluralRu } from '../format';
import { clip, tg, lines } from '../html';
import { accountLabel } from '../labels';
import { defineTemplate } from './template';

type P = PayloadOf<typeof AccountBanned>;

/** An account was banned; says whether a reserve account took over its work. */
export const accountBanned = defineTemplate<P>({
  type: 'account.banned',
  groupKey: () => 'all',
  severity: (p) => (p.replaced_by ? 'error' : 'critical'),
  refs: (p) => ({ accounts: [p.worker_id, ...(p.replaced_by ? [p.replaced_by] : [])] }),
  single({ payload: p, occurredAt }, { names, locale, timeZone }) {
    const account = accountLabel(names, p.worker_id, locale);
    const replacement = p.replaced_by ? accountLabel(names, p.replaced_by, locale) : null;
    const at = formatDateTime(occurredAt, locale, timeZone);
    const reason = clip(p.comment, 400);
    if (locale === 'ru')
      return lines(
        tg`🚨 <b>Аккаунт заблокирован</b>`,
        tg`Аккаунт: ${account}`,
        tg`Причина: ${reason || 'не указана'}`,
        replacement
          ? tg`Замена: резервный аккаунт ${replacement} продолжает его работу.`
          : tg`Резервного аккаунта нет: его работа остановлена.`,
        tg`Время: ${at}`,
      );
    return lines(
      tg`🚨 <b>Account banned</b>`,
      tg`Account: ${account}`,
      tg`Reason: ${reason || 'not given'}`,
      replacement
        ? tg`Replacement: reserve account ${replacement} took over its work.`
        : tg`No reserve account was available: its work has stopped.`,
      tg`At: ${at}`,
    );
  },
  heading(events, total, { locale, timeZone }) {
    const at = formatDateTime(events[0]!.occurredAt, locale, timeZone);
    return locale === 'ru'
      ? tg`🚨 <b>${pluralRu(total, 'Заблокирован', 'Заблокированы', 'Заблокировано')} ${total} ${pluralRu(total, 'аккаунт', 'аккаунта', 'аккаунтов')}</b> (с ${at}):`
      : tg`🚨 <b>${total} accounts banned</b> (since ${at}):`;
  },
  line({ payload: p }, { names, locale }) {
    const account = accountLabel(names, p.worker_id, locale);
    const replaced = p.replaced_by
      ? tg`→ ${accountLabel(names, p.replaced_by, locale)}`
      : tg`→ ${locale === 'ru' ? 'без замены' : 'no replacement'}`;
    return tg`${account}: ${clip(p.comment, 120) || '—'} ${replaced}`;
  },
});
