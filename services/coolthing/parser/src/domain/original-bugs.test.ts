// The original parser's matching bugs (reference §6 "Matching", §3 parser), each shown absent.
// The ones that need the worker (own messages, dedup, username, sent_at) are in test/leads.api.test.ts.
import { describe, expect, it } from 'vitest';
import { compileAssignment, type AssignedCampaign } from './assignment';

function matcherOf(plus: string[], minus: string[] = [], languages = ['ru']) {
  const campaign: AssignedCampaign = {
    id: 'c',
    name: 'c',
    plusKeywords: plus,
    minusKeywords: minus,
    languages,
    dedupWindowSeconds: null,
    chats: [],
  };
  const out = compileAssignment(
    {
      accountId: 'a',
      status: 'active',
      telegramUserId: null,
      campaigns: [campaign],
      knownAccountUserIds: [],
      revision: 'r',
    },
    60,
  );
  return out.campaigns[0]!.matcher;
}

describe('original parser bugs, absent', () => {
  it('Latin words are stemmed too (the original stemmed Russian only), even in a Russian campaign', () => {
    const m = matcherOf(['apartment', 'rent']);
    expect(m.match('two apartments for renting').keywords).toEqual(['apartment', 'rent']);
  });

  it('phrases match as consecutive stems (the original stemmed a phrase as one token and never matched it)', () => {
    const m = matcherOf(['снять квартиру']);
    expect(m.match('Хотим снять квартиры').matched).toBe(true);
    expect(m.match('квартиру снять').matched).toBe(false);
    expect(m.match('снять дом, квартиру').matched).toBe(false);
  });

  it('Unicode punctuation is stripped (the original stripped ASCII only)', () => {
    const m = matcherOf(['квартира']);
    for (const text of ['«квартира»', 'квартира…', '—квартира—', '„квартира“', 'квартира！'])
      expect(m.match(text).matched, text).toBe(true);
  });

  it('keywords are case-folded like messages (the original did not lowercase keywords)', () => {
    expect(matcherOf(['Квартира']).match('КВАРТИРА нужна').keywords).toEqual(['Квартира']);
  });

  it('ё and е are one letter', () => {
    expect(matcherOf(['ёлка']).match('елки').matched).toBe(true);
  });

  it('a minus keyword vetoes the message, reported with the plus keywords found', () => {
    const result = matcherOf(['квартира'], ['посуточно']).match('квартира посуточно');
    expect(result).toMatchObject({ matched: false, keywords: ['квартира'], vetoedBy: 'посуточно' });
  });
});
