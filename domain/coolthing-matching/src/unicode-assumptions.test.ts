import { describe, expect, it } from 'vitest';
import { CHAR_UNSAFE, classifyCodePoint } from './char-class';
import { compileMatcher } from './matcher';
import { normalize } from './normalize';

// The matcher tokenizes raw text without NFKC when every character is NFKC-stable on its own,
// relying on NFKC then changing nothing but a letter's own combining marks. These tests check
// that against the Unicode tables of the running Node, so an upgrade that breaks it fails here.

const IS_WORD = /^[\p{L}\p{N}]$/u;
const IS_MARK = /^\p{M}$/u;

describe('Unicode assumptions of the fast tokenizer', () => {
  it('composition only joins a character with following marks or with characters marked unsafe', () => {
    const problems: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const composite = String.fromCodePoint(cp);
      const parts = [...composite.normalize('NFD')];
      if (parts.length < 2 || composite.normalize('NFC') !== composite) continue;
      const [first, ...rest] = parts as [string, ...string[]];
      for (const part of rest) {
        const code = part.codePointAt(0) ?? 0;
        if (!IS_MARK.test(part) && classifyCodePoint(code) !== CHAR_UNSAFE) {
          problems.push(`U+${cp.toString(16)} joins non-mark U+${code.toString(16)}`);
        }
      }
      if (IS_WORD.test(first) !== IS_WORD.test(composite)) {
        problems.push(`U+${cp.toString(16)} is a word character but its base is not, or the reverse`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('tokenizes random Unicode text exactly as normalize() does', () => {
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    // Mostly common scripts, with a share of anything at all (including unassigned code points).
    const ranges: [number, number][] = [
      [0x20, 0x7e],
      [0xa0, 0x24f],
      [0x300, 0x36f],
      [0x370, 0x3ff],
      [0x400, 0x52f],
      [0x900, 0x97f],
      [0x1100, 0x11ff],
      [0x2000, 0x206f],
      [0x20d0, 0x20ff],
      [0x2100, 0x218f],
      [0x3000, 0x30ff],
      [0xac00, 0xd7a3],
      [0xfe00, 0xfe0f],
      [0xff00, 0xffef],
      [0x1d400, 0x1d7ff],
      [0x1f300, 0x1faff],
      [0x16d40, 0x16d7f],
      [0x0, 0x10ffff],
    ];
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const length = 1 + Math.floor(random() * 12);
      for (let k = 0; k < length; k++) {
        const [low, high] = ranges[Math.floor(random() * ranges.length)] ?? [0x61, 0x7a];
        let cp = low + Math.floor(random() * (high - low + 1));
        if (cp >= 0xd800 && cp <= 0xdfff) cp = 0x20;
        text += String.fromCodePoint(cp);
        if (random() < 0.3) text += ' ';
      }
      const tokens = normalize(text);
      if (tokens.length === 0) continue;
      // A phrase of all the message's tokens matches only if the matcher cut the same tokens.
      const matcher = compileMatcher({ plus: [tokens.join(' ')], languages: [], tokenCacheSize: 64 });
      expect(matcher.match(text).matched, JSON.stringify(text)).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
