import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey, parseSecretsKey, SecretBox } from './secret-box';
import { CodeHasher } from './tokens';

describe('secrets at rest', () => {
  it('parse SECRETS_KEY as hex or base64 of exactly 32 bytes', () => {
    const key = randomBytes(32);
    expect(parseSecretsKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretsKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretsKey(key.toString('base64url'))).toEqual(key);
    expect(() => parseSecretsKey('too-short')).toThrow(/32 bytes/);
    expect(() => parseSecretsKey(randomBytes(31).toString('hex'))).toThrow();
  });

  it('seal with AES-256-GCM: the plaintext is not visible and only the same key and context open it', () => {
    const master = randomBytes(32);
    const box = new SecretBox(deriveKey(master, 'signing-keys'));
    const secret = Buffer.from('private key material');
    const sealed = box.seal(secret, 'signing-key:k1');
    expect(sealed).not.toContain(secret.toString('base64'));
    expect(box.open(sealed, 'signing-key:k1')).toEqual(secret);
    expect(box.seal(secret, 'signing-key:k1')).not.toBe(sealed);
    expect(() => box.open(sealed, 'signing-key:k2')).toThrow();
    expect(() =>
      new SecretBox(deriveKey(randomBytes(32), 'signing-keys')).open(sealed, 'signing-key:k1'),
    ).toThrow();
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => box.open(tampered, 'signing-key:k1')).toThrow();
  });

  it('derive different keys per purpose', () => {
    const master = randomBytes(32);
    expect(deriveKey(master, 'a')).not.toEqual(deriveKey(master, 'b'));
    expect(deriveKey(master, 'a')).toEqual(deriveKey(master, 'a'));
  });

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
