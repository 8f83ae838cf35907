import { Redis } from 'ioredis';
import type { Cache } from './cache';

// INCRBY and set the expiry only when the key is new, atomically.
const INCR_WITH_TTL = `
local v = redis.call('INCRBY', KEYS[1], ARGV[1])
if v == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return v`;

/** Redis through ioredis; reconnects by itself, commands wait in its offline queue meanwhile. */
export class RedisCache implements Cache {
  readonly kind = 'redis' as const;

  constructor(
    private readonly client: Redis,
    private readonly prefix = '',
    private readonly owner = true,
  ) {}

  /** Connects to `url`; errors are reported, not thrown, while ioredis reconnects. */
  static connect(url: string, onError?: (err: unknown) => void): RedisCache {
    const client = new Redis(url, {
      maxRetriesPerRequest: 3,
      enableAutoPipelining: true,
      lazyConnect: false,
    });
    client.on('error', (err) => onError?.(err));
    return new RedisCache(client);
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  get(key: string): Promise<string | null> {
    return this.client.get(this.k(key));
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.client.set(this.k(key), value);
    else await this.client.set(this.k(key), value, 'PX', ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(this.k(key), value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async del(key: string): Promise<void> {
    await this.client.del(this.k(key));
  }

  async incr(key: string, ttlMs: number, by = 1): Promise<number> {
    return Number(await this.client.eval(INCR_WITH_TTL, 1, this.k(key), by, ttlMs));
  }

  async ttl(key: string): Promise<number | null> {
    const ms = await this.client.pttl(this.k(key));
    return ms < 0 ? null : ms;
  }

  hgetall(key: string): Promise<Record<string, string>> {
    return this.client.hgetall(this.k(key));
  }

  async hset(key: string, fields: Record<string, string>, ttlMs?: number): Promise<void> {
    const multi = this.client.multi().hset(this.k(key), fields);
    if (ttlMs !== undefined) multi.pexpire(this.k(key), ttlMs);
    await multi.exec();
  }

  async hdel(key: string, field: string): Promise<void> {
    await this.client.hdel(this.k(key), field);
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  scoped(prefix: string): Cache {
    return new RedisCache(this.client, `${this.prefix}${prefix}:`, false);
  }

  async close(): Promise<void> {
    if (this.owner) await this.client.quit().catch(() => this.client.disconnect());
  }
}
