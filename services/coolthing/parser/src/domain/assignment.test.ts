import { describe, expect, it } from 'vitest';
import {
  compileAssignment,
  joinTarget,
  stemmingLanguages,
  type Assignment,
  type AssignedCampaign,
} from './assignment';

const chat = { id: 'ch-1', link: null, username: null, telegramId: null, title: null };
const campaign = (over: Partial<AssignedCampaign> = {}): AssignedCampaign => ({
  id: 'c-1',
  name: 'Flats',
  plusKeywords: ['квартира'],
  minusKeywords: [],
  languages: ['ru'],
  dedupWindowSeconds: null,
  chats: [chat],
  ...over,
});
const assignment = (campaigns: AssignedCampaign[]): Assignment => ({
  accountId: 'a-1',
  status: 'active',
  telegramUserId: '42',
  campaigns,
  knownAccountUserIds: [],
  revision: 'r1',
});

describe('compileAssignment', () => {
  it('compiles one matcher per campaign with its window', () => {
    const out = compileAssignment(
      assignment([campaign(), campaign({ id: 'c-2', dedupWindowSeconds: 60, plusKeywords: ['desk'] })]),
      3600,
    );
    expect(out.rejected).toEqual([]);
    expect(out.campaigns.map((c) => [c.id, c.windowMs])).toEqual([
      ['c-1', 3_600_000],
      ['c-2', 60_000],
    ]);
    expect(out.campaigns[0]!.matcher.match('сниму квартиру').matched).toBe(true);
    expect(out.campaigns[1]!.matcher.match('two desks').keywords).toEqual(['desk']);
  });

  it('rejects a campaign without plus keywords or with a keyword of punctuation only; the others work', () => {
    const out = compileAssignment(
      assignment([
        campaign({ id: 'empty', plusKeywords: [] }),
        campaign({ id: 'broken', plusKeywords: ['!!!'] }),
        campaign(),
      ]),
      60,
    );
    expect(out.campaigns.map((c) => c.id)).toEqual(['c-1']);
    expect(out.rejected.map((r) => r.campaignId)).toEqual(['empty', 'broken']);
    expect(out.rejected[1]!.error).toMatch(/punctuation/);
  });

  it('stems Russian words in an English campaign too (defaults come after its own languages)', () => {
    expect(stemmingLanguages(['EN', 'xx'])).toEqual(['en', 'ru']);
    const out = compileAssignment(assignment([campaign({ languages: ['en'] })]), 60);
    expect(out.campaigns[0]!.matcher.match('нужны квартиры').matched).toBe(true);
  });
});

describe('joinTarget', () => {
  it('prefers the public username, then the link, then the id', () => {
    expect(joinTarget({ ...chat, username: 'flats', link: 'https://t.me/+abc', telegramId: '-1001' })).toBe(
      '@flats',
    );
    expect(joinTarget({ ...chat, username: '@flats' })).toBe('@flats');
    expect(joinTarget({ ...chat, link: 'https://t.me/+abc', telegramId: '-1001' })).toBe('https://t.me/+abc');
    expect(joinTarget({ ...chat, telegramId: '-1001' })).toBe('-1001');
    expect(joinTarget(chat)).toBeNull();
  });
});
