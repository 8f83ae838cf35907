import type { PayloadOf } from '@switchyard/bus';
import type { NewTargetMessage } from '@switchyard/contracts';
import { formatDateTime, pluralRu } from '../format';
import { clip, clipLines, tg, join, lines } from '../html';
import { accountLabel, campaignLabel, chatLabel, userLabel } from '../labels';
import { defineTemplate, sameKey } from './template';

type P = PayloadOf<typeof NewTargetMessage>;

const userOf = (p: P, locale: 'ru' | 'en') =>
  userLabel(
    { username: p.username, firstName: p.first_name, lastName: p.last_name, userId: p.user_id },
    locale,
  );

const keywords = (p: P) =>
  join(
    p.matched_keywords.slice(0, 10).map((k) => tg`<i>${clip(k, 60)}</i>`),
    ', ',
  );

/**
 * A chat message matched a campaign's keywords (the original `bot` service's notification:
 * "@user in <chat> matched <keywords> (campaign)" with the text). Everything in it but our
 * own words comes from strangers on Telegram and is escaped.
 */
export const leadNew = defineTemplate<P>({
  type: 'lead.new',
  groupKey: (p) => p.campaign_id,
  severity: () => 'info',
  refs: (p) => ({
    campaigns: [p.campaign_id],
    accounts: [p.worker_id],
    chats: p.chat_title ? [] : [p.chat_id],
  }),
  single({ payload: p }, { names, locale, timeZone }) {
    const campaign = campaignLabel(names, p.campaign_id, locale);
    const chat = chatLabel(names, p.chat_id, p.chat_title, locale);
    const at = formatDateTime(new Date(p.sent_at), locale, timeZone);
    const parser = accountLabel(names, p.worker_id, locale);
    const text = clipLines(p.message, 1500);
    if (locale === 'ru')
      return lines(
        tg`🎯 <b>Новый лид</b> — кампания ${campaign}`,
        tg`${userOf(p, 'ru')} в чате ${chat} совпал по словам: ${keywords(p)}`,
        tg`<blockquote>${text}</blockquote>`,
        tg`Нашёл: ${parser}; ${at}`,
      );
    return lines(
      tg`🎯 <b>New lead</b> — campaign ${campaign}`,
      tg`${userOf(p, 'en')} in ${chat} matched: ${keywords(p)}`,
      tg`<blockquote>${text}</blockquote>`,
      tg`Found by ${parser}; ${at}`,
    );
  },
  heading(events, total, { names, locale }) {
    const campaignId = sameKey(events, (p) => p.campaign_id);
    const campaign = campaignId ? campaignLabel(names, campaignId, locale) : null;
    if (locale === 'ru') {
      const head = tg`🎯 <b>${total} ${pluralRu(total, 'новый лид', 'новых лида', 'новых лидов')}</b>`;
      return campaign ? tg`${head} — кампания ${campaign}:` : tg`${head}:`;
    }
    const head = tg`🎯 <b>${total} new leads</b>`;
    return campaign ? tg`${head} — campaign ${campaign}:` : tg`${head}:`;
  },
  line({ payload: p }, { names, locale }) {
    const chat = chatLabel(names, p.chat_id, p.chat_title, locale);
    return tg`${userOf(p, locale)} ${locale === 'ru' ? 'в' : 'in'} ${chat} [${keywords(p)}]: «${clip(p.message, 160)}»`;
  },
});
