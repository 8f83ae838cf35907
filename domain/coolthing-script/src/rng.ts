// Seeded randomness. Logic never calls Math.random(): every random choice takes an Rng, so a plan,
// a preview or a test can be replayed from its seed.

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * 32-bit FNV-1a hash of a string. Cheap and well spread, enough to turn a human seed
 * ("run-42", a UUID) into a PRNG state.
 */
function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * mulberry32: 32 bits of state, passes the usual statistical batteries for this kind of use
 * (choosing alternatives and delays), and is trivially reproducible in any language.
 */
function mulberry32(state: number): Rng {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A deterministic Rng from a seed. Numbers are hashed through their decimal form, so
 * `rngFromSeed(42)` and `rngFromSeed('42')` give the same stream (seeds survive JSON as strings).
 */
export function rngFromSeed(seed: string | number): Rng {
  return mulberry32(hashSeed(String(seed)));
}

/**
 * A seed for an independent sub-stream, e.g. one per chat. Keeping streams apart means adding
 * a chat to a run does not change the text already planned for the other chats.
 */
export function deriveSeed(seed: string | number, ...parts: (string | number)[]): string {
  return [String(seed), ...parts.map(String)].join('\u001f');
}

/** Uniform integer in [min, max], both inclusive. */
export function randomInt(rng: Rng, min: number, max: number): number {
  const low = Math.ceil(Math.min(min, max));
  const high = Math.floor(Math.max(min, max));
  return low + Math.floor(rng() * (high - low + 1));
}

/** Uniform pick from a non-empty list. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError('pick() needs a non-empty list');
  return item;
}

/** Fisher-Yates shuffle into a new array; the input is left alone. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
