import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** An opaque refresh token: 32 random bytes, url-safe. */
export const newOpaqueToken = () => randomBytes(32).toString('base64url');

/** Refresh tokens are high-entropy, so a plain SHA-256 is enough to store them. */
export const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** Keyed hashes of one-time codes: a database leak does not reveal them, and 10^6 guesses need the key. */
export class CodeHasher {
  constructor(private readonly key: Buffer) {}

  hash(userId: string, purpose: string, code: string): string {
    return createHmac('sha256', this.key).update(`${userId}\n${purpose}\n${code}`, 'utf8').digest('hex');
  }

  matches(stored: string, userId: string, purpose: string, code: string): boolean {
    const a = Buffer.from(stored, 'hex');
    const b = Buffer.from(this.hash(userId, purpose, code), 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
