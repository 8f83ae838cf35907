import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';

export type InfraVar = 'DATABASE_URL' | 'RABBITMQ_URL' | 'REDIS_URL';

/**
 * Infrastructure tests run when their URL is set. Otherwise they are skipped with a note,
 * unless SWITCHYARD_REQUIRE_INFRA=1 (CI), where a missing URL is an error.
 */
export function infraUrl(name: InfraVar): string | undefined {
  const url = process.env[name];
  if (url) return url;
  if (process.env.SWITCHYARD_REQUIRE_INFRA === '1') {
    throw new Error(`${name} is required (SWITCHYARD_REQUIRE_INFRA=1) but not set`);
  }
  return undefined;
}

/** `describe` that runs only when the infrastructure URL is available, and says so when it is not. */
export function describeWith(name: InfraVar, title: string, body: (url: string) => void): void {
  const url = infraUrl(name);
  if (!url) {
    describe.skip(`${title} (skipped: ${name} not set)`, () => {});
    return;
  }
  describe(title, () => body(url));
}

/** A short unique lowercase name for schemas, queues and keys created by one test. */
export function uniqueName(prefix = 't'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Polls `check` until it returns a truthy value or the time runs out. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 20, message = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${message}${last ? `: ${String(last)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A deferred promise, for tests that must hold a handler open. */
export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
export * from './issuer';
export * from './http';
