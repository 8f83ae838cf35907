import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { describeWith } from '../index';
import { ownRedisDatabase } from './redis';

describeWith('REDIS_URL', 'a Redis database of its own', (url) => {
  it('gives two systems two databases, empty, and frees each on drop', async () => {
    const a = await ownRedisDatabase(url);
    const b = await ownRedisDatabase(url);
    try {
      expect(a.url).not.toBe(b.url);
      expect(new URL(a.url).pathname).toMatch(/^\/([1-9]|1[0-5])$/);
      const [ca, cb] = [new Redis(a.url), new Redis(b.url)];
      await ca.set('k', 'from a');
      expect(await cb.get('k')).toBeNull();
      await Promise.all([ca.quit(), cb.quit()]);
    } finally {
      await a.drop();
      await b.drop();
    }
    // Dropped: the keys are gone and the number is free for the next claim.
    const again = await ownRedisDatabase(url);
    try {
      const client = new Redis(again.url);
      expect(await client.get('k')).toBeNull();
      await client.quit();
    } finally {
      await again.drop();
    }
  });
});
