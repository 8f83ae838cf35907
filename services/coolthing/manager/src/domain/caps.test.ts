import { describe, expect, it } from 'vitest';
import { accountDailyCap, hourlyClaim, offerClaims, parseWarmup } from './caps';

const settings = { perAccountPerHour: 10, warmup: [5, 10, 20] };

describe('caps and warm-up', () => {
  it('ramps a new account up by stage, never above the campaign cap', () => {
    expect(accountDailyCap(30, 0, settings.warmup)).toBe(5);
    expect(accountDailyCap(30, 2, settings.warmup)).toBe(20);
    expect(accountDailyCap(30, 3, settings.warmup)).toBe(30);
    expect(accountDailyCap(8, 1, settings.warmup)).toBe(8);
    expect(accountDailyCap(30, 0, [])).toBe(30);
  });

  it('takes the account day (UTC), the account hour and the campaign day (its time zone)', () => {
    const claims = offerClaims({
      accountId: 'a1',
      warmupStage: 0,
      campaignId: 'c1',
      timezone: 'Asia/Tokyo',
      caps: { perAccountPerDay: 30, perCampaignPerDay: 100 },
      settings,
      at: new Date('2025-03-03T20:30:00Z'), // Tokyo: 2025-03-04 05:30
    });
    expect(claims.map((c) => [c.scope, c.bucket, c.limit])).toEqual([
      ['account:a1:contacts', '2025-03-03', 5],
      ['account:a1:messages', '2025-03-03T20', 10],
      ['campaign:c1:contacts', '2025-03-04', 100],
    ]);
    expect(claims[0]!.resetsAt).toEqual(new Date('2025-03-04T00:00:00Z'));
    expect(claims[1]!.resetsAt).toEqual(new Date('2025-03-03T21:00:00Z'));
    expect(claims[2]!.resetsAt).toEqual(new Date('2025-03-04T15:00:00Z'));
    expect(claims[0]!.label).toMatch(/warm-up stage 0/);
  });

  it('counts every message per hour', () => {
    expect(hourlyClaim('a1', new Date('2025-03-03T20:59:59Z'), settings).bucket).toBe('2025-03-03T20');
  });

  it('parses the ramp variable', () => {
    expect(parseWarmup('5, 10,20')).toEqual([5, 10, 20]);
    expect(parseWarmup('')).toEqual([]);
    expect(() => parseWarmup('5,x')).toThrow(/not a daily cap/);
  });
});
