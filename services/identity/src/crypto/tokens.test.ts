import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CodeHasher } from './tokens';

describe('one-time codes', () => {
  it('hash codes with a key, bound to the user and purpose', () => {
    const hasher = new CodeHasher(randomBytes(32));
    const h = hasher.hash('u1', 'verify-email', '123456');
    expect(h).not.toContain('123456');
    expect(hasher.matches(h, 'u1', 'verify-email', '123456')).toBe(true);
    expect(hasher.matches(h, 'u1', 'verify-email', '123457')).toBe(false);
    expect(hasher.matches(h, 'u2', 'verify-email', '123456')).toBe(false);
    expect(hasher.matches(h, 'u1', 'reset-password', '123456')).toBe(false);
    expect(new CodeHasher(randomBytes(32)).matches(h, 'u1', 'verify-email', '123456')).toBe(false);
  });
});
