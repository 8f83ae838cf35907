import type { PayloadOf } from '@switchyard/bus';
import type { OutboundMessageFailed } from '@switchyard/contracts';
import { formatDateTime, pluralRu } from '../format';
import { clip, tg, lines } from '../html';
import { accountLabel, campaignLabel, userLabel } from '../labels';
import { defineTemplate, sameKey } from './template';

type P = PayloadOf<typeof OutboundMessageFailed>;

const userOf = (p: P, locale: 'ru' | 'en') => userLabel({ username: null, userId: p.user_id }, locale);

/** A private message to a lead could not be sent; bursts are per campaign. */
export const deliveryFailed = defineTemplate<P>({
  type: 'delivery.failed',
  groupKey: (p) => p.campaign_id,
  severity: (p) => (p.retryable ? 'warning' : 'error'),
  refs: (p) => ({ campaigns: [p.campaign_id], accounts: [p.account_id] }),
  single({ payload: p }, { names, locale, timeZone }) {
    const campaign = campaignLabel(names, p.campaign_id, locale);
    const from = accountLabel(names, p.account_id, locale);
    const at = formatDateTime(new Date(p.failed_at), locale, timeZone);
    const detail = clip(p.detail, 300);
    if (locale === 'ru')
      return lines(
        tg`📭 <b>Личное сообщение не доставлено</b> — кампания ${campaign}`,
        tg`От ${from} к ${userOf(p, 'ru')}: ${p.reason}${detail ? tg` (${detail})` : ''}`,
        tg`${p.retryable ? 'Будет ещё попытка.' : 'Больше попыток не будет.'} ${at}`,
      );
    return lines(
      tg`📭 <b>Private message not delivered</b> — campaign ${campaign}`,
      tg`From ${from} to ${userOf(p, 'en')}: ${p.reason}${detail ? tg` (${detail})` : ''}`,
      tg`${p.retryable ? 'It will be retried.' : 'It will not be retried.'} ${at}`,
    );
  },
  heading(events, total, { names, locale }) {
    const id = sameKey(events, (p) => p.campaign_id);
    const campaign = id ? campaignLabel(names, id, locale) : null;
    if (locale === 'ru') {
      const head = tg`📭 <b>${total} ${pluralRu(total, 'личное сообщение не доставлено', 'личных сообщения не доставлены', 'личных сообщений не доставлено')}</b>`;
      return campaign ? tg`${head} — кампания ${campaign}:` : tg`${head}:`;
    }
    const head = tg`📭 <b>${total} private messages not delivered</b>`;
    return campaign ? tg`${head} — campaign ${campaign}:` : tg`${head}:`;
  },
  line({ payload: p }, { names, locale }) {
    return tg`${accountLabel(names, p.account_id, locale)} → ${userOf(p, locale)}: ${p.reason}`;
  },
});
