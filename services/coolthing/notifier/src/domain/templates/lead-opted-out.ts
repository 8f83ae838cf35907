import type { PayloadOf } from '@switchyard/bus';
import type { LeadOptedOut } from '@switchyard/contracts';
import { formatDateTime, pluralRu } from '../format';
import { clip, tg, lines } from '../html';
import { accountLabel, userLabel } from '../labels';
import { defineTemplate } from './template';

type P = PayloadOf<typeof LeadOptedOut>;

const userOf = (p: P, locale: 'ru' | 'en') => userLabel({ username: null, userId: p.user_id }, locale);

/** A lead asked not to be contacted; they are on the suppression list for every campaign now. */
export const leadOptedOut = defineTemplate<P>({
  type: 'lead.opted_out',
  groupKey: () => 'all',
  severity: () => 'info',
  refs: (p) => ({ accounts: p.account_id ? [p.account_id] : [] }),
  single({ payload: p }, { names, locale, timeZone }) {
    const at = formatDateTime(new Date(p.at), locale, timeZone);
    const to = p.account_id ? accountLabel(names, p.account_id, locale) : null;
    if (locale === 'ru')
      return lines(
        tg`🙅 <b>Лид отказался от сообщений</b>`,
        tg`${userOf(p, 'ru')} написал «${clip(p.phrase, 200)}»${to ? tg` аккаунту ${to}` : ''}.`,
        tg`Он в списке исключений: ни одна кампания ему больше не напишет. ${at}`,
      );
    return lines(
      tg`🙅 <b>Lead opted out</b>`,
      tg`${userOf(p, 'en')} wrote “${clip(p.phrase, 200)}”${to ? tg` to ${to}` : ''}.`,
      tg`They are suppressed: no campaign will contact them again. ${at}`,
    );
  },
  heading(_events, total, { locale }) {
    return locale === 'ru'
      ? tg`🙅 <b>${total} ${pluralRu(total, 'лид отказался', 'лида отказались', 'лидов отказались')} от сообщений</b> (все в списке исключений):`
      : tg`🙅 <b>${total} leads opted out</b> (all suppressed):`;
  },
  line({ payload: p }, { locale }) {
    return tg`${userOf(p, locale)}: «${clip(p.phrase, 80)}»`;
  },
});
