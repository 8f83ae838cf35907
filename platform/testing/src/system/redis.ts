import { Redis } from 'ioredis';

export interface RedisDatabase {
  /** The Redis URL with the database number in its path. */
  url: string;
  /** Empties the database and gives it back. */
  drop(): Promise<void>;
}

const CLAIM_MS = 30 * 60_000;

/**
 * A numbered Redis database of its own (1 to 15; 0 stays for everyone else), for a test that
 * starts whole services: their keys (rate limits, leases, cached pages) are fixed per
 * service, so two systems on one database would share them. Claimed with a key in database 0
 * that expires, so a claim left by a killed test run frees itself.
 */
export async function ownRedisDatabase(url: string): Promise<RedisDatabase> {
  const admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await admin.connect();
  try {
    for (let n = 1; n < 16; n++) {
      const claim = `switchyard:test-db:${n}`;
      if ((await admin.set(claim, String(process.pid), 'PX', CLAIM_MS, 'NX')) !== 'OK') continue;
      const own = new URL(url);
      own.pathname = `/${n}`;
      await flush(own.href);
      return {
        url: own.href,
        drop: async () => {
          await flush(own.href);
          const release = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
          await release.connect();
          await release.del(claim).finally(() => release.quit());
        },
      };
    }
  } finally {
    await admin.quit();
  }
  throw new Error('every Redis database from 1 to 15 is claimed by another test run');
}

async function flush(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await client.connect();
  await client.flushdb().finally(() => client.quit());
}
