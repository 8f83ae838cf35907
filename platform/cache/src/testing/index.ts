import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, uniqueName } from '@switchyard/testing';
import type { Cache } from '../cache';

/** The behaviour every cache adapter must show; run once per adapter. */
export function cacheContract(adapter: string, open: () => Promise<Cache> | Cache): void {
  describe(`cache contract: ${adapter}`, () => {
    let root: Cache;
    let cache: Cache;
    beforeAll(async () => {
      root = await open();
      cache = root.scoped(uniqueName('cache'));
    });
    afterAll(async () => {
      await root.close();
    });

    it('gets what was set, and null for missing keys', async () => {
      await cache.set('a', 'one');
      expect(await cache.get('a')).toBe('one');
      expect(await cache.get('missing')).toBeNull();
      await cache.del('a');
      expect(await cache.get('a')).toBeNull();
    });

    it('expires keys after their time to live', async () => {
      await cache.set('short', 'x', 80);
      expect(await cache.get('short')).toBe('x');
      const ttl = await cache.ttl('short');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(80);
      await sleep(150);
      expect(await cache.get('short')).toBeNull();
      await cache.set('forever', 'y');
      expect(await cache.ttl('forever')).toBeNull();
    });

    it('counts atomically and keeps the first expiry', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => cache.incr('hits', 60_000)));
      expect(new Set(results).size).toBe(50);
      expect(Math.max(...results)).toBe(50);
      expect(await cache.incr('hits', 60_000, 5)).toBe(55);
      await cache.incr('window', 80);
      await sleep(150);
      expect(await cache.incr('window', 80)).toBe(1);
    });

    it('sets only when absent', async () => {
      expect(await cache.setIfAbsent('lock', 'me', 60_000)).toBe(true);
      expect(await cache.setIfAbsent('lock', 'you', 60_000)).toBe(false);
      expect(await cache.get('lock')).toBe('me');
    });

    it('stores hashes field by field', async () => {
      await cache.hset('cart', { sku1: '2', sku2: '1' }, 60_000);
      await cache.hset('cart', { sku1: '3' });
      expect(await cache.hgetall('cart')).toEqual({ sku1: '3', sku2: '1' });
      await cache.hdel('cart', 'sku2');
      expect(await cache.hgetall('cart')).toEqual({ sku1: '3' });
      expect(await cache.hgetall('nothing')).toEqual({});
    });

    it('keeps scopes apart', async () => {
      const a = root.scoped(uniqueName('a'));
      const b = root.scoped(uniqueName('b'));
      await a.set('k', 'from a');
      expect(await b.get('k')).toBeNull();
      expect(await a.get('k')).toBe('from a');
    });

    it('answers ping', async () => {
      await expect(cache.ping()).resolves.toBeUndefined();
    });
  });
}
