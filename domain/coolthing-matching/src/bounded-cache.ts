/**
 * A memo of at most `capacity` entries that keeps the recently used ones (approximate LRU).
 *
 * Two generations instead of a true LRU list: a hit in the young map costs one Map lookup and no
 * reordering, which matters on the matcher's per-token path. When the young map is full it
 * becomes the old one and the previous old map is dropped; a hit in the old map moves the entry
 * back to the young one, so anything used within the last capacity/2 insertions survives.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generationSize: number;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) {
      throw new RangeError(`cache capacity must be an integer of at least 2, got ${capacity}`);
    }
    this.generationSize = Math.floor(capacity / 2);
  }

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.generationSize && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** Slots in use (an entry moved back from the old generation counts twice); at most the capacity. */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
