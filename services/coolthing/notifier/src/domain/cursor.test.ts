import { describe, expect, it } from 'vitest';
import { CursorError, decodeCursor, encodeCursor } from './cursor';

describe('alert log cursor', () => {
  it('round-trips and refuses garbage', () => {
    const c = { createdAt: new Date('2025-03-25T11:03:07.123Z'), id: '0192f3a1-0000-7000-8000-000000000001' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    for (const bad of [
      '',
      'xyz',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["x","y"]').toString('base64url'),
    ])
      expect(() => decodeCursor(bad)).toThrow(CursorError);
  });
});
