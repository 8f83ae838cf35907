import { describe, expect, it } from 'vitest';
import { compileMatcher } from '@switchyard/coolthing-matching';
import { floodDecision } from './flood';
import { laneOf } from './lanes';
import { ProfileCache } from './profile-cache';
import { ChatRoutes } from './routing';

describe('floodDecision', () => {
  const now = new Date('2026-01-01T00:00:00.000Z');
  it('sleeps through short waits (scaled) and pauses the account for long ones', () => {
    expect(floodDecision(30, 60, 1, now)).toEqual({ kind: 'sleep', ms: 30_000 });
    expect(floodDecision(60, 60, 60, now)).toEqual({ kind: 'sleep', ms: 1000 });
    expect(floodDecision(61, 60, 1, now)).toEqual({
      kind: 'pause',
      seconds: 61,
      until: new Date('2026-01-01T00:01:01.000Z'),
    });
    expect(floodDecision(7200, 60, 60, now)).toMatchObject({
      kind: 'pause',
      until: new Date('2026-01-01T00:02:00.000Z'),
    });
  });
});

describe('laneOf', () => {
  it('puts a key in the same lane every time and spreads keys over the lanes', () => {
    expect(laneOf('12345', 4)).toBe(laneOf('12345', 4));
    const used = new Set(Array.from({ length: 100 }, (_, i) => laneOf(String(1000 + i), 4)));
    expect(used).toEqual(new Set([0, 1, 2, 3]));
    expect(laneOf('x', 1)).toBe(0);
  });
});

describe('ProfileCache', () => {
  it('keeps entries for the ttl and drops the least recently used when full', () => {
    const cache = new ProfileCache<string | null>(2, 1000);
    cache.set('a', 'bio a', 0);
    cache.set('b', null, 0);
    expect(cache.get('a', 10)).toBe('bio a');
    cache.set('c', 'bio c', 20);
    // b was used least recently.
    expect(cache.get('b', 30)).toBeUndefined();
    expect(cache.get('a', 30)).toBe('bio a');
    expect(cache.get('a', 1000)).toBeUndefined();
    expect(cache.count).toBe(1);
  });

  it('remembers a missing bio (null) as an answer', () => {
    const cache = new ProfileCache<string | null>(5, 1000);
    cache.set('u', null, 0);
    expect(cache.get('u', 1)).toBeNull();
  });

  it('caches nothing when its size or ttl is zero', () => {
    const none = new ProfileCache<string>(0, 1000);
    none.set('a', 'x', 0);
    expect(none.get('a', 0)).toBeUndefined();
    const instant = new ProfileCache<string>(5, 0);
    instant.set('a', 'x', 0);
    expect(instant.get('a', 0)).toBeUndefined();
  });
});

describe('ChatRoutes', () => {
  it('routes a Telegram chat to each campaign once', () => {
    const campaign = (id: string) => ({
      id,
      name: id,
      matcher: compileMatcher({ plus: ['x'] }),
      windowMs: 0,
      chats: [],
    });
    const chat = { id: 'ch', link: null, username: 'c', telegramId: null, title: null };
    const routes = new ChatRoutes();
    const a = campaign('a');
    routes.add('-1001', { campaign: a, chat, title: 'T' });
    routes.add('-1001', { campaign: a, chat, title: 'T' });
    routes.add('-1001', { campaign: campaign('b'), chat, title: 'T' });
    routes.add('-1002', { campaign: a, chat, title: 'U' });
    expect(routes.routes('-1001').map((r) => r.campaign.id)).toEqual(['a', 'b']);
    expect(routes.routes('-9')).toEqual([]);
    expect(routes.size).toBe(2);
    expect(routes.chatIds).toEqual(['-1001', '-1002']);
  });
});
