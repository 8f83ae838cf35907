import { describe, expect, it } from 'vitest';
import { compileMatcher, type MatchResult } from './matcher';
import { normalize } from './normalize';
import { stem } from './stemmers/stemmer-registry';

// The matcher must agree with the obvious quadratic definition: a keyword matches when its stem
// sequence occurs in the message's stem sequence, whatever the number of keywords.

function stemsOf(text: string): string[] {
  return normalize(text).map(stem);
}

function occursIn(needle: readonly string[], haystack: readonly string[]): boolean {
  for (let start = 0; start + needle.length <= haystack.length; start++) {
    if (needle.every((word, k) => haystack[start + k] === word)) return true;
  }
  return false;
}

/** Checks every keyword against every position: obviously right, and slow with many keywords. */
function naiveMatcher(plus: readonly string[], minus: readonly string[]): (text: string) => MatchResult {
  const plusStems = [...new Set(plus)].map((keyword) => [keyword, stemsOf(keyword)] as const);
  const minusStems = [...new Set(minus)].map((keyword) => [keyword, stemsOf(keyword)] as const);
  return (text) => {
    const message = stemsOf(text);
    const keywords = plusStems.filter(([, stems]) => occursIn(stems, message)).map(([keyword]) => keyword);
    if (keywords.length === 0) return { matched: false, keywords: [] };
    const veto = minusStems.find(([, stems]) => occursIn(stems, message))?.[0];
    return veto === undefined ? { matched: true, keywords } : { matched: false, keywords, vetoedBy: veto };
  };
}

function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = `квартира квартиру квартиры квартирой снять сдам сдаю купить продать дом дома домик машина
машину машины авто ипотека ипотеку ипотечный кредит работа работу вакансия центр центре города
посуточно срочно недорого без посредников хозяин ёлка елка Ёлки новая новую apartment apartments
rent renting rented renter house houses car cars buy selling sell job jobs hiring cheap new daily
scam free mortgage loan loans city center downtown in the for и в на у с по 2 3к 500 1000 15000`.split(/\s+/);

// Characters that stress the tokenizer: every class, and each place where the fast path has to
// hand over to full NFKC.
const NOISE = [
  ' ',
  '  ',
  ', ',
  '! ',
  '?!',
  '…',
  '-',
  '—',
  '«',
  '»',
  "'",
  '🔥',
  '❤️',
  '👨‍👩‍👧',
  '1️⃣',
  '\u00a0',
  '\u00ad',
  '\u200d',
  '\u0301',
  '\ufe0f',
  'Σ',
  'ς',
  'ＡＢ',
  '𝐚',
  '²',
  'ﬁ',
  '가',
  '\u1100\u1161',
  'é',
  'e\u0301',
  'İ',
  '\ud800',
  '\udc00',
  '東京',
  'हि',
  '\t',
  '\n',
  '#',
  '@',
  '.',
  '_',
  '$',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function casing(random: () => number, word: string): string {
  const roll = random();
  if (roll < 0.15) return word.toUpperCase();
  if (roll < 0.3) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

function randomMessage(random: () => number, vocabulary: readonly string[]): string {
  const length = 1 + Math.floor(random() * 25);
  let text = '';
  for (let i = 0; i < length; i++) {
    text += random() < 0.25 ? pick(random, NOISE) : ' ';
    text += casing(random, pick(random, vocabulary));
  }
  return text;
}

function randomKeyword(random: () => number, vocabulary: readonly string[]): string {
  const words = random() < 0.25 ? 2 + Math.floor(random() * 2) : 1;
  return Array.from({ length: words }, () => casing(random, pick(random, vocabulary))).join(
    random() < 0.1 ? '-' : ' ',
  );
}

describe('matcher against a naive reference', () => {
  it('agrees on a few hundred random messages with 1,000 keywords', () => {
    const random = seededRandom(7);
    // Synthetic words widen the vocabulary so that 1,000 keywords are mostly distinct.
    const synthetic = Array.from(
      { length: 600 },
      (_, i) => `${pick(random, WORDS)}${String.fromCharCode(0x430 + (i % 32))}${i}`,
    );
    const vocabulary = [...WORDS, ...synthetic];
    const plus = Array.from({ length: 1000 }, () => randomKeyword(random, vocabulary));
    const minus = Array.from({ length: 50 }, () => randomKeyword(random, WORDS));
    const matcher = compileMatcher({ plus, minus });
    const naive = naiveMatcher(plus, minus);

    let matches = 0;
    let vetoes = 0;
    for (let i = 0; i < 400; i++) {
      const text = randomMessage(random, vocabulary);
      const expected = naive(text);
      expect(matcher.match(text), text).toEqual(expected);
      if (expected.matched) matches++;
      if (expected.vetoedBy !== undefined) vetoes++;
    }
    // The check means something only if both outcomes occur often.
    expect(matches).toBeGreaterThan(50);
    expect(vetoes).toBeGreaterThan(20);
  });

  it('agrees with 10 keywords and with a small token cache that keeps evicting', () => {
    const random = seededRandom(11);
    const plus = Array.from({ length: 10 }, () => randomKeyword(random, WORDS));
    const minus = Array.from({ length: 3 }, () => randomKeyword(random, WORDS));
    const matcher = compileMatcher({ plus, minus, tokenCacheSize: 8 });
    const naive = naiveMatcher(plus, minus);
    for (let i = 0; i < 300; i++) {
      const text = randomMessage(random, WORDS);
      expect(matcher.match(text), text).toEqual(naive(text));
    }
  });

  it('gives the same answer when a message is matched again (caches hold no stale state)', () => {
    const random = seededRandom(3);
    const plus = Array.from({ length: 100 }, () => randomKeyword(random, WORDS));
    const matcher = compileMatcher({ plus, minus: ['посуточно', 'scam'] });
    const messages = Array.from({ length: 100 }, () => randomMessage(random, WORDS));
    const first = messages.map((text) => matcher.match(text));
    expect(messages.map((text) => matcher.match(text))).toEqual(first);
  });
});
