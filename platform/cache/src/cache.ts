/** Key-value cache with expiry and counters; keys are namespaced per service by the adapter. */
export interface Cache {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets only when absent; true when this call set it (a lock or a once-only marker). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Adds `by` and returns the new value; the expiry is set when the key is created. */
  incr(key: string, ttlMs: number, by?: number): Promise<number>;
  /** Remaining time to live in ms; null when the key is missing or never expires. */
  ttl(key: string): Promise<number | null>;
  /** Fields of a hash (for example a cart's items). */
  hgetall(key: string): Promise<Record<string, string>>;
  hset(key: string, fields: Record<string, string>, ttlMs?: number): Promise<void>;
  hdel(key: string, field: string): Promise<void>;
  ping(): Promise<void>;
  /** A view whose keys are prefixed with `prefix:`. */
  scoped(prefix: string): Cache;
  close(): Promise<void>;
}

export async function getJson<T>(cache: Cache, key: string): Promise<T | null> {
  const raw = await cache.get(key);
  return raw === null ? null : (JSON.parse(raw) as T);
}

export async function setJson(cache: Cache, key: string, value: unknown, ttlMs?: number): Promise<void> {
  await cache.set(key, JSON.stringify(value), ttlMs);
}
