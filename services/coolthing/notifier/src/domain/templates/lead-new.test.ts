import { describe, expect, it } from 'vitest';
import { renderAlert } from '../render';
import { leadNew } from './lead-new';
import {
  AT_EN,
  AT_RU,
  book,
  ctx,
  event,
  expectNoUuid,
  expectTelegramHtml,
  HOSTILE,
  renderAll,
  seen,
} from './test-support';

const CAMPAIGN = '0192f3a1-0000-7000-8000-0000000000ca';
const PARSER = '0192f3a1-0000-7000-8000-000000000001';
const names = book({ campaigns: { [CAMPAIGN]: 'Flats in Kazan' }, accounts: { [PARSER]: '@demo_parser_1' } });

const lead = (over: Record<string, unknown> = {}) => ({
  worker_id: PARSER,
  campaign_id: CAMPAIGN,
  chat_id: '-100123',
  chat_title: 'Kazan rent',
  message_id: 17,
  user_id: '555',
  username: 'ivan',
  first_name: 'Ivan',
  last_name: null,
  message: 'Looking for a 2-room flat <urgent> & cheap',
  matched_keywords: ['flat', 'rent'],
  language: 'en',
  sent_at: '2025-03-25T11:03:07.000Z',
  bio: null,
  ...over,
});

describe('lead.new (the original bot’s lead notification)', () => {
  it('says who, where, which keywords and the campaign, with the message', () => {
    const out = renderAll(leadNew, lead(), names);
    expect(out.en).toBe(
      [
        '🎯 New lead — campaign “Flats in Kazan”',
        '@ivan (Ivan) in “Kazan rent” matched: flat, rent',
        'Looking for a 2-room flat <urgent> & cheap',
        `Found by @demo_parser_1; ${AT_EN}`,
      ].join('\n'),
    );
    expect(out.ru).toBe(
      [
        '🎯 Новый лид — кампания «Flats in Kazan»',
        '@ivan (Ivan) в чате «Kazan rent» совпал по словам: flat, rent',
        'Looking for a 2-room flat <urgent> & cheap',
        `Нашёл: @demo_parser_1; ${AT_RU}`,
      ].join('\n'),
    );
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });

  it('survives hostile text in every field a stranger controls (the original’s consumer died on a “<”)', () => {
    const hostile = lead({
      message: HOSTILE,
      chat_title: HOSTILE.slice(0, 100),
      first_name: '</b><i>',
      last_name: '&amp;',
      username: null,
      matched_keywords: ['<kw>'],
    });
    for (const locale of ['ru', 'en'] as const) {
      const markup = leadNew.single(event(hostile), ctx(locale, names));
      expectTelegramHtml(markup);
      expect(seen(markup)).toContain(HOSTILE);
      expect(seen(markup)).toContain('</b><i> &amp;');
    }
  });

  it('keeps a 4096-character message of “<” within Telegram’s limit once rendered', () => {
    const markup = renderAlert(leadNew, [event(lead({ message: '<'.repeat(4096) }))], 1, ctx('en', names));
    expectTelegramHtml(markup);
    expect(seen(markup)).toMatch(/^🎯 New lead — campaign “Flats in Kazan”\n/);
  });

  it('lists a burst of leads of one campaign', () => {
    const events = [event(lead()), event(lead({ username: null, first_name: null, user_id: '777' }))];
    expect(seen(leadNew.heading(events, 5, ctx('ru', names)))).toBe(
      '🎯 5 новых лидов — кампания «Flats in Kazan»:',
    );
    expect(seen(leadNew.line(events[1]!, ctx('en', names)))).toBe(
      'user 777 in “Kazan rent” [flat, rent]: «Looking for a 2-room flat <urgent> & cheap»',
    );
  });
});
