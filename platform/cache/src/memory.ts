import type { Cache } from './cache';

interface Entry {
  value: string | Map<string, string>;
  expiresAt: number | null;
}

/** In-process cache of embedded mode; expired keys are dropped on access and by a sweep. */
export class MemoryCache implements Cache {
  readonly kind = 'memory' as const;
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly entries: Map<string, Entry> = new Map(),
    private readonly prefix = '',
    private readonly owner = true,
    private readonly now: () => number = Date.now,
  ) {
    this.sweep = setInterval(() => this.evictExpired(), 30_000);
    this.sweep.unref();
    if (!owner) clearInterval(this.sweep);
  }

  private key(k: string): string {
    return this.prefix + k;
  }

  private live(k: string): Entry | undefined {
    const e = this.entries.get(this.key(k));
    if (!e) return undefined;
    if (e.expiresAt !== null && e.expiresAt <= this.now()) {
      this.entries.delete(this.key(k));
      return undefined;
    }
    return e;
  }

  private expiry(ttlMs?: number): number | null {
    return ttlMs === undefined ? null : this.now() + ttlMs;
  }

  async get(key: string): Promise<string | null> {
    const e = this.live(key);
    if (!e) return null;
    if (typeof e.value !== 'string') throw new Error(`WRONGTYPE ${key} holds a hash`);
    return e.value;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.entries.set(this.key(key), { value, expiresAt: this.expiry(ttlMs) });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async del(key: string): Promise<void> {
    this.entries.delete(this.key(key));
  }

  async incr(key: string, ttlMs: number, by = 1): Promise<number> {
    const e = this.live(key);
    if (!e) {
      this.entries.set(this.key(key), { value: String(by), expiresAt: this.expiry(ttlMs) });
      return by;
    }
    const n = Number(e.value);
    if (typeof e.value !== 'string' || !Number.isInteger(n))
      throw new Error(`ERR value of ${key} is not an integer`);
    e.value = String(n + by);
    return n + by;
  }

  async ttl(key: string): Promise<number | null> {
    const e = this.live(key);
    if (!e || e.expiresAt === null) return null;
    return e.expiresAt - this.now();
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    const e = this.live(key);
    if (!e) return {};
    if (typeof e.value === 'string') throw new Error(`WRONGTYPE ${key} holds a string`);
    return Object.fromEntries(e.value);
  }

  async hset(key: string, fields: Record<string, string>, ttlMs?: number): Promise<void> {
    let e = this.live(key);
    if (!e) {
      e = { value: new Map(), expiresAt: null };
      this.entries.set(this.key(key), e);
    }
    if (typeof e.value === 'string') throw new Error(`WRONGTYPE ${key} holds a string`);
    for (const [f, v] of Object.entries(fields)) e.value.set(f, v);
    if (ttlMs !== undefined) e.expiresAt = this.expiry(ttlMs);
  }

  async hdel(key: string, field: string): Promise<void> {
    const e = this.live(key);
    if (!e || typeof e.value === 'string') return;
    e.value.delete(field);
    if (e.value.size === 0) this.entries.delete(this.key(key));
  }

  async ping(): Promise<void> {}

  scoped(prefix: string): Cache {
    return new MemoryCache(this.entries, `${this.prefix}${prefix}:`, false, this.now);
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
  }

  private evictExpired(): void {
    const now = this.now();
    for (const [k, e] of this.entries) if (e.expiresAt !== null && e.expiresAt <= now) this.entries.delete(k);
  }
}
