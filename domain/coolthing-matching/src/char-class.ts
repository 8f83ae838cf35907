// Per-character classes for the matcher's fast tokenizer. Each class is derived from the same
// Unicode properties as the canonical pipeline in normalize.ts, so the two always agree; the
// property tests check that on random text.

/** Part of a word: a letter or a digit (a token starts only with one of these). */
export const CHAR_WORD = 1;
/** A combining mark: continues a word, is dropped where no word precedes it. */
export const CHAR_MARK = 2;
/** Splits words: whitespace, punctuation, symbols, emoji, controls. */
export const CHAR_SEPARATOR = 3;
/** Removed before tokenizing (zero-width joiners, variation selectors, stress accents). */
export const CHAR_IGNORABLE = 4;
/** NFKC would change it (alone or together with a neighbour): only the canonical path is exact. */
export const CHAR_UNSAFE = 5;

export type CharClass =
  typeof CHAR_WORD | typeof CHAR_MARK | typeof CHAR_SEPARATOR | typeof CHAR_IGNORABLE | typeof CHAR_UNSAFE;

/**
 * Removed after NFKC. Default-ignorables are invisible (ZWJ inside emoji, U+FE0F after ❤, soft
 * hyphen inside a word); enclosing marks only decorate (the keycap in 1️⃣); U+0300/U+0301 are the
 * stress accents of Russian dictionary text (кварти́ру), which carry no spelling.
 */
export const IGNORABLE_PATTERN = /[\p{Default_Ignorable_Code_Point}\p{Me}\u0300\u0301]/gu;
/** A token: a letter or digit, then letters, digits and the marks that belong to them. */
export const TOKEN_PATTERN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

const IS_IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{Me}\u0300\u0301]$/u;
const IS_WORD = /^[\p{L}\p{N}]$/u;
const IS_MARK = /^\p{M}$/u;

/**
 * Letters that compose with the letter before them although they are not marks (Hangul jamo,
 * Kirat Rai vowels). Around them a token's NFKC depends on its neighbours, so they take the
 * canonical path. unicode-assumptions.test.ts checks that this list is complete for the runtime.
 */
function composesWithPrevious(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x16d40 && cp <= 0x16d7f);
}

/** Classifies one code point from its Unicode properties (slow; results are memoised below). */
export function classifyCodePoint(cp: number): CharClass {
  if (composesWithPrevious(cp)) return CHAR_UNSAFE;
  const ch = String.fromCodePoint(cp);
  if (ch.normalize('NFKC') !== ch) return CHAR_UNSAFE;
  if (IS_IGNORABLE.test(ch)) return CHAR_IGNORABLE;
  if (IS_WORD.test(ch)) return CHAR_WORD;
  if (IS_MARK.test(ch)) return CHAR_MARK;
  return CHAR_SEPARATOR;
}

// Filled on first sight of each character: a chat mostly reuses a few hundred of them. 0 means
// not classified yet; surrogates stay 0, since their class depends on the pair they form.
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, CharClass>();
// Bounds the astral memo: hostile text could otherwise walk it through a million code points.
const ASTRAL_MEMO_LIMIT = 4096;

/**
 * The memo of BMP classes, for the tokenizer's inner loop to read directly; an entry of 0 means
 * "ask classAt()".
 */
export const BMP_CLASSES: Readonly<Uint8Array> = bmpClasses;

/** Shift of the width in a classAt() result. */
export const WIDTH_SHIFT = 3;
/** Mask for the class in a classAt() result; the width in code units is `result >> WIDTH_SHIFT`. */
export const CLASS_MASK = 0b111;

/** The class of the character at text[i], packed with its width (2 for a surrogate pair). */
export function classAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdfff) {
    let known = bmpClasses[unit] ?? 0;
    if (known === 0) {
      known = classifyCodePoint(unit);
      bmpClasses[unit] = known;
    }
    return known | (1 << WIDTH_SHIFT);
  }
  const low = text.charCodeAt(i + 1);
  if (unit > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return classifyCodePoint(unit) | (1 << WIDTH_SHIFT);
  const cp = ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  let known = astralClasses.get(cp);
  if (known === undefined) {
    known = classifyCodePoint(cp);
    if (astralClasses.size >= ASTRAL_MEMO_LIMIT) astralClasses.clear();
    astralClasses.set(cp, known);
  }
  return known | (2 << WIDTH_SHIFT);
}
