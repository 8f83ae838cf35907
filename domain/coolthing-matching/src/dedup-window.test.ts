import { describe, expect, it } from 'vitest';
import { DedupWindow } from './dedup-window';

const MINUTE = 60_000;

describe('DedupWindow', () => {
  it('emits one lead per campaign and user within the window', () => {
    const window = new DedupWindow({ windowMs: 10 * MINUTE });
    expect(window.shouldEmit('c1', 42, 0)).toBe(true);
    expect(window.shouldEmit('c1', 42, 1)).toBe(false);
    expect(window.shouldEmit('c1', 42, 10 * MINUTE - 1)).toBe(false);
    expect(window.shouldEmit('c1', 42, 10 * MINUTE)).toBe(true);
  });

  it('keeps campaigns and users apart', () => {
    const window = new DedupWindow({ windowMs: MINUTE });
    expect(window.shouldEmit('c1', 42, 0)).toBe(true);
    expect(window.shouldEmit('c2', 42, 0)).toBe(true);
    expect(window.shouldEmit('c1', 43, 0)).toBe(true);
    expect(window.shouldEmit('c1', '42', 1)).toBe(false); // the same Telegram id as text
    expect(window.shouldEmit('c1', 42n, 1)).toBe(false);
  });

  it('does not slide the window with messages it suppressed', () => {
    const window = new DedupWindow({ windowMs: MINUTE });
    expect(window.shouldEmit('c', 1, 0)).toBe(true);
    for (let t = 1000; t < MINUTE; t += 1000) expect(window.shouldEmit('c', 1, t)).toBe(false);
    expect(window.shouldEmit('c', 1, MINUTE)).toBe(true);
  });

  it('forgets expired pairs, so memory follows the number of recent leads', () => {
    const window = new DedupWindow({ windowMs: MINUTE });
    for (let user = 0; user < 1000; user++) window.shouldEmit('c', user, user);
    expect(window.size).toBe(1000);
    window.shouldEmit('c', 'late', 10 * MINUTE);
    expect(window.size).toBe(1);
  });

  it('caps memory by forgetting the oldest pairs first', () => {
    const window = new DedupWindow({ windowMs: 10 * MINUTE, maxEntries: 3 });
    for (const user of [1, 2, 3, 4]) expect(window.shouldEmit('c', user, user)).toBe(true);
    expect(window.size).toBe(3);
    expect(window.shouldEmit('c', 4, 10)).toBe(false);
    expect(window.shouldEmit('c', 1, 10)).toBe(true); // forgotten early, so a second lead
  });

  it('treats a clock that steps back as still inside the window', () => {
    const window = new DedupWindow({ windowMs: MINUTE });
    expect(window.shouldEmit('c', 1, 5 * MINUTE)).toBe(true);
    expect(window.shouldEmit('c', 1, 4 * MINUTE)).toBe(false);
  });

  it('with a zero window emits every time', () => {
    const window = new DedupWindow({ windowMs: 0 });
    expect(window.shouldEmit('c', 1, 0)).toBe(true);
    expect(window.shouldEmit('c', 1, 0)).toBe(true);
  });

  it('rejects a bad configuration', () => {
    expect(() => new DedupWindow({ windowMs: -1 })).toThrow(RangeError);
    expect(() => new DedupWindow({ windowMs: Number.NaN })).toThrow(RangeError);
    expect(() => new DedupWindow({ windowMs: 1, maxEntries: 0 })).toThrow(RangeError);
  });
});
