import { getJson, setJson, type Cache } from '@switchyard/cache';

/**
 * Public listings (pages, searches, filter values) are the same for everyone and read far
 * more often than the catalogue or ratings change, so they are cached for a few seconds.
 * Any write bumps a generation number, which retires every cached answer at once; with
 * Redis the generation is shared, so all instances see a write at the same moment.
 */
export class ListingCache {
  constructor(
    private readonly cache: Cache,
    private readonly ttlMs: number,
  ) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.ttlMs === 0) return compute();
    try {
      const generation = (await this.cache.get('listing:gen')) ?? '0';
      const slot = `listing:${generation}:${key}`;
      const hit = await getJson<T>(this.cache, slot);
      if (hit !== null) return hit;
      const value = await compute();
      await setJson(this.cache, slot, value, this.ttlMs);
      return value;
    } catch {
      // The cache is an optimisation: without it, answer from the database.
      return compute();
    }
  }

  /** Retires every cached listing (a film, a poster or a rating changed). */
  async invalidate(): Promise<void> {
    await this.cache.incr('listing:gen', 30 * 24 * 3600_000).catch(() => undefined);
  }
}
