import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey, parseSecretsKey, SecretBox } from './secret-box';

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
    const box = new SecretBox(deriveKey(master, 'identity', 'signing-keys'));
    const secret = Buffer.from('private key material');
    const sealed = box.seal(secret, 'signing-key:k1');
    expect(sealed).not.toContain(secret.toString('base64'));
    expect(box.open(sealed, 'signing-key:k1')).toEqual(secret);
    expect(box.seal(secret, 'signing-key:k1')).not.toBe(sealed);
    expect(() => box.open(sealed, 'signing-key:k2')).toThrow();
    expect(() =>
      new SecretBox(deriveKey(randomBytes(32), 'identity', 'signing-keys')).open(sealed, 'signing-key:k1'),
    ).toThrow();
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => box.open(tampered, 'signing-key:k1')).toThrow();
  });

  it('derive different keys per service and purpose', () => {
    const master = randomBytes(32);
    expect(deriveKey(master, 'svc', 'a')).not.toEqual(deriveKey(master, 'svc', 'b'));
    expect(deriveKey(master, 'svc', 'a')).not.toEqual(deriveKey(master, 'other', 'a'));
    expect(deriveKey(master, 'svc', 'a')).toEqual(deriveKey(master, 'svc', 'a'));
  });
});
