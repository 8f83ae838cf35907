import { detached } from './detached';

/** Returned by RawTokenTable.find for a token it does not hold. */
export const MISSING = -2;

/** Start value of a word's hash (FNV-1a over its UTF-16 code units). */
export const HASH_SEED = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Adds one code unit to a hash, so the tokenizer can hash a word while it scans it. */
export function hashStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, FNV_PRIME);
}

/** The hash of text[start, end), as hashStep() builds it. */
export function hashRange(text: string, start: number, end: number): number {
  let hash = HASH_SEED;
  for (let i = start; i < end; i++) hash = hashStep(hash, text.charCodeAt(i));
  return hash;
}

const INITIAL_SLOTS = 256;

/**
 * One generation: open addressing with linear probing, keys compared against the message in
 * place. It starts small and doubles while it is at most half full, so a quiet campaign's
 * matcher stays small.
 */
class Generation {
  private keys: (string | undefined)[] = [];
  private hashes = new Int32Array(0);
  private symbols = new Int32Array(0);
  private mask = 0;
  size = 0;

  constructor(private readonly capacity: number) {
    this.allocate(INITIAL_SLOTS);
  }

  find(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot];
      if (key === undefined) return MISSING;
      if (this.hashes[slot] === hash && key.length === length && text.startsWith(key, start)) {
        return this.symbols[slot] ?? MISSING;
      }
    }
  }

  get full(): boolean {
    return this.size >= this.capacity;
  }

  insert(key: string, hash: number, symbol: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    this.place(key, hash, symbol);
    this.size++;
  }

  clear(): void {
    this.keys.fill(undefined);
    this.size = 0;
  }

  private place(key: string, hash: number, symbol: number): void {
    let slot = hash & this.mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.hashes[slot] = hash;
    this.symbols[slot] = symbol;
  }

  private grow(): void {
    const { keys, hashes, symbols } = this;
    this.allocate(keys.length * 2);
    keys.forEach((key, slot) => {
      if (key !== undefined) this.place(key, hashes[slot] ?? 0, symbols[slot] ?? MISSING);
    });
  }

  private allocate(slots: number): void {
    this.keys = new Array<string | undefined>(slots).fill(undefined);
    this.hashes = new Int32Array(slots);
    this.symbols = new Int32Array(slots);
    this.mask = slots - 1;
  }
}

/**
 * The matcher's memo from a word as written in a message to its stem id, at most `capacity`
 * words. It is looked up by a slice of the message (start, end, hash) without cutting the word
 * out as a string: on the hot path a word costs a hash over its letters and one probe, and only
 * an unseen word is allocated. Two generations keep recently used words, as in BoundedCache.
 */
export class RawTokenTable {
  private young: Generation;
  private old: Generation;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) {
      throw new RangeError(`token cache size must be an integer of at least 2, got ${capacity}`);
    }
    const generationSize = Math.floor(capacity / 2);
    this.young = new Generation(generationSize);
    this.old = new Generation(generationSize);
  }

  /** The symbol stored for text[start, end) with the given hashRange(), or MISSING. */
  find(text: string, start: number, end: number, hash: number): number {
    const symbol = this.young.find(text, start, end, hash);
    if (symbol !== MISSING) return symbol;
    const aged = this.old.find(text, start, end, hash);
    if (aged !== MISSING) this.insert(detached(text.slice(start, end)), hash, aged);
    return aged;
  }

  /** Stores a word that find() reported MISSING; the key should not be a view into a message. */
  insert(key: string, hash: number, symbol: number): void {
    if (this.young.full) {
      const recycled = this.old;
      recycled.clear();
      this.old = this.young;
      this.young = recycled;
    }
    this.young.insert(key, hash, symbol);
  }

  /** Words held now (one moved back from the old generation counts twice); at most the capacity. */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
