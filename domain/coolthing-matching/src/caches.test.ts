import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache';
import { detached } from './detached';
import { hashRange, MISSING, RawTokenTable } from './raw-token-table';

describe('BoundedCache', () => {
  it('keeps recently used entries and never holds more than its capacity', () => {
    const cache = new BoundedCache<string, number>(4);
    cache.set('hot', 0);
    for (let i = 0; i < 100; i++) {
      expect(cache.get('hot')).toBe(0);
      cache.set(`cold${i}`, i);
      expect(cache.size).toBeLessThanOrEqual(4);
    }
    expect(cache.get('cold0')).toBeUndefined();
    expect(cache.get('cold99')).toBe(99);
  });

  it('refuses a capacity below 2', () => {
    expect(() => new BoundedCache(1)).toThrow(RangeError);
  });
});

describe('RawTokenTable', () => {
  const find = (table: RawTokenTable, word: string) =>
    table.find(word, 0, word.length, hashRange(word, 0, word.length));

  it('finds a word by its place in a longer text', () => {
    const table = new RawTokenTable(100);
    table.insert('квартиру', hashRange('квартиру', 0, 8), 7);
    const text = 'сниму квартиру недорого';
    expect(table.find(text, 6, 14, hashRange(text, 6, 14))).toBe(7);
    expect(table.find(text, 0, 5, hashRange(text, 0, 5))).toBe(MISSING);
  });

  it('grows past its first allocation and stays bounded', () => {
    const table = new RawTokenTable(2000);
    for (let i = 0; i < 5000; i++) {
      const word = `w${i}`;
      if (find(table, word) === MISSING) table.insert(word, hashRange(word, 0, word.length), i);
      expect(table.size).toBeLessThanOrEqual(2000);
    }
    expect(find(table, 'w4999')).toBe(4999);
    expect(find(table, 'w0')).toBe(MISSING);
  });

  it('keeps a word in use across generations', () => {
    const table = new RawTokenTable(4);
    table.insert('hot', hashRange('hot', 0, 3), 1);
    for (let i = 0; i < 50; i++) {
      expect(find(table, 'hot')).toBe(1);
      table.insert(`c${i}`, hashRange(`c${i}`, 0, `c${i}`.length), i);
    }
  });

  it('tells apart words with the same hash', () => {
    const table = new RawTokenTable(16);
    table.insert('abc', 5, 1);
    table.insert('abd', 5, 2);
    expect(table.find('abd', 0, 3, 5)).toBe(2);
    expect(table.find('abc', 0, 3, 5)).toBe(1);
    expect(table.find('abe', 0, 3, 5)).toBe(MISSING);
  });
});

describe('detached', () => {
  it('returns an equal string, short or long', () => {
    const long = 'а'.repeat(10_000) + 'b';
    expect(detached(long)).toBe(long);
    expect(detached('short')).toBe('short');
    expect(detached(long.slice(3, 40))).toBe(long.slice(3, 40));
  });
});
