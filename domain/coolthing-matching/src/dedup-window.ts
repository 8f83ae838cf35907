export interface DedupWindowOptions {
  /** How long after a lead the same user gives no new lead in the same campaign, in ms. */
  readonly windowMs: number;
  /**
   * Most (campaign, user) pairs remembered at once; past it the oldest are forgotten early (that
   * user may give a second lead sooner). Default 100,000.
   */
  readonly maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 100_000;

/**
 * One lead per (campaign, user) within a window. Pure: the caller passes the time, so tests and
 * replays decide the clock. The window is fixed from the emitted lead, not slid by later messages:
 * a user who keeps writing gets a new lead once per window.
 */
export class DedupWindow {
  private readonly windowMs: number;
  private readonly maxEntries: number;
  // Key → time of the emitted lead. A key is re-inserted when it emits again, so the map's
  // insertion order is the order of emits and the oldest entries are always at the front.
  private readonly emittedAt = new Map<string, number>();

  constructor(options: DedupWindowOptions) {
    if (!Number.isFinite(options.windowMs) || options.windowMs < 0) {
      throw new RangeError(`windowMs must be a finite number of at least 0, got ${options.windowMs}`);
    }
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be an integer of at least 1, got ${maxEntries}`);
    }
    this.windowMs = options.windowMs;
    this.maxEntries = maxEntries;
  }

  /** True when this message should become a lead, and records it; false inside the window. */
  shouldEmit(campaignId: string, userId: string | number | bigint, now: number): boolean {
    this.evictExpired(now);
    // The separator cannot occur in an id, so ("a:b", "c") and ("a", "b:c") stay distinct.
    const key = `${campaignId}\u0000${String(userId)}`;
    const last = this.emittedAt.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    this.emittedAt.delete(key);
    this.emittedAt.set(key, now);
    if (this.emittedAt.size > this.maxEntries) this.evictOldest();
    return true;
  }

  /** Pairs remembered now. */
  get size(): number {
    return this.emittedAt.size;
  }

  private evictExpired(now: number): void {
    // Stops at the first live entry: behind it every entry is at least as recent. A clock that
    // stepped back only delays eviction; it never drops a live entry.
    for (const [key, at] of this.emittedAt) {
      if (now - at < this.windowMs) return;
      this.emittedAt.delete(key);
    }
  }

  private evictOldest(): void {
    const oldest = this.emittedAt.keys().next();
    if (oldest.done !== true) this.emittedAt.delete(oldest.value);
  }
}
