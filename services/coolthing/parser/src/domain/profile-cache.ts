/**
 * Recently read profiles (bios), at most `size`, each for `ttlMs`. Time is passed in. The
 * least recently used entry goes first when full.
 */
export class ProfileCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(
    private readonly size: number,
    private readonly ttlMs: number,
  ) {}

  get(key: string, now: number): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (now - hit.at >= this.ttlMs) return undefined;
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, now: number): void {
    if (this.size <= 0 || this.ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { value, at: now });
    while (this.entries.size > this.size) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  get count(): number {
    return this.entries.size;
  }
}
