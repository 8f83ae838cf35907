import { describe, expect, it } from 'vitest';
import { CursorError, decodeCursor, encodeCursor } from './cursor';

describe('keyset cursors', () => {
  it('round-trips the sort value and id of the last row', () => {
    const raw = encodeCursor({ scope: 'films:title:asc', value: 'the godfather', id: 12 });
    expect(decodeCursor(raw, 'films:title:asc')).toEqual({
      scope: 'films:title:asc',
      value: 'the godfather',
      id: 12,
    });
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses a cursor made for another ordering', () => {
    const raw = encodeCursor({ scope: 'films:title:asc', value: 'a', id: 1 });
    expect(() => decodeCursor(raw, 'films:rating:desc')).toThrow(/another ordering/);
  });

  it('refuses garbage and tampered values', () => {
    expect(() => decodeCursor('not-base64-json', 's')).toThrow(CursorError);
    const tampered = Buffer.from(JSON.stringify(['s', { $gt: 1 }, 1])).toString('base64url');
    expect(() => decodeCursor(tampered, 's')).toThrow(CursorError);
    const badId = Buffer.from(JSON.stringify(['s', 1, -5])).toString('base64url');
    expect(() => decodeCursor(badId, 's')).toThrow(CursorError);
  });
});
