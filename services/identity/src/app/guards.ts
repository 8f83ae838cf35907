import type { Cache } from '@switchyard/cache';
import { tooManyRequests } from '@switchyard/kit';
import { lockoutMs, type LockoutPolicy } from '../domain/lockout';
import { sha256Hex } from '../crypto/tokens';

export interface Window {
  limit: number;
  ms: number;
}

/**
 * Fixed-window limits on a key: `take` refuses with 429 and Retry-After when any window is
 * full, and counts the request otherwise.
 */
export async function takeRateLimit(cache: Cache, key: string, windows: Window[]): Promise<void> {
  for (const w of windows) {
    const k = `${key}:${w.ms}`;
    const used = Number((await cache.get(k)) ?? 0);
    if (used >= w.limit) throw tooManyRequests(((await cache.ttl(k)) ?? w.ms) / 1000);
  }
  for (const w of windows) await cache.incr(`${key}:${w.ms}`, w.ms);
}

/** Cache keys never carry an email in clear. */
export const emailKey = (email: string) => sha256Hex(`email:${email}`).slice(0, 32);

/**
 * Failed sign-ins counted per account (by email, whether or not it exists, so the lock does
 * not reveal existence) with a progressive lock, and per client address.
 */
export class LoginGuard {
  constructor(
    private readonly cache: Cache,
    private readonly policy: LockoutPolicy & { ipMaxFailures: number; ipWindowMs: number },
  ) {}

  /** Throws 429 while the account or the address is locked. */
  async check(email: string, ip: string): Promise<void> {
    const lockTtl = await this.cache.ttl(`login:lock:${emailKey(email)}`);
    if (lockTtl !== null && lockTtl > 0) {
      throw tooManyRequests(lockTtl / 1000, 'Too many failed sign-ins; try again later.');
    }
    const ipKey = `login:ip:${ip}`;
    const ipFailures = Number((await this.cache.get(ipKey)) ?? 0);
    if (ipFailures >= this.policy.ipMaxFailures) {
      throw tooManyRequests(
        ((await this.cache.ttl(ipKey)) ?? this.policy.ipWindowMs) / 1000,
        'Too many failed sign-ins from your address; try again later.',
      );
    }
  }

  /** Counts a failure; returns the lock it started (0 when none). */
  async fail(email: string, ip: string): Promise<number> {
    const key = emailKey(email);
    const failures = await this.cache.incr(`login:fail:${key}`, 24 * 60 * 60_000);
    await this.cache.incr(`login:ip:${ip}`, this.policy.ipWindowMs);
    const lock = lockoutMs(failures, this.policy);
    if (lock > 0) await this.cache.set(`login:lock:${key}`, '1', lock);
    return lock;
  }

  async succeed(email: string): Promise<void> {
    const key = emailKey(email);
    await this.cache.del(`login:fail:${key}`);
    await this.cache.del(`login:lock:${key}`);
  }
}
