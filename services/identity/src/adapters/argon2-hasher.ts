import argon2 from 'argon2';
import type { PasswordHasher } from '../ports/password-hasher';

/** OWASP's argon2id recommendation: 19 MiB, 2 iterations, 1 lane. */
export const OWASP_ARGON2ID = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export class Argon2Hasher implements PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, OWASP_ARGON2ID);
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, OWASP_ARGON2ID);
    } catch {
      return true;
    }
  }
}
