/** Array-backed FIFO with O(1) shift; compacts when the consumed head grows large. */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  unshift(item: T): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
  }

  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  toArray(): T[] {
    return this.items.slice(this.head);
  }

  /** Removes and returns the items the predicate selects, keeping the others in order. */
  extract(select: (item: T) => boolean): T[] {
    const kept: T[] = [];
    const taken: T[] = [];
    for (const item of this.toArray()) (select(item) ? taken : kept).push(item);
    this.items = kept;
    this.head = 0;
    return taken;
  }
}
