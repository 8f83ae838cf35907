import type { MiddlewareHandler } from 'hono';
import type { Cache } from '@switchyard/cache';
import { tooManyRequests, type AppEnv } from '@switchyard/kit';

/**
 * Fixed one-minute window per client address, counted in the cache (Redis when several
 * gateway instances share the limit). The window's state is sent as RateLimit-* headers.
 */
export function rateLimit(
  cache: Cache,
  perMinute: number,
  ipOf: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const now = Date.now();
    const window = Math.floor(now / 60_000);
    const resetSeconds = Math.ceil(((window + 1) * 60_000 - now) / 1000);
    let count: number;
    try {
      count = await cache.incr(`rl:${ipOf(c)}:${window}`, 61_000);
    } catch {
      // A cache outage must not take the whole API down: let the request through.
      return next();
    }
    c.header('RateLimit-Limit', String(perMinute));
    c.header('RateLimit-Remaining', String(Math.max(0, perMinute - count)));
    c.header('RateLimit-Reset', String(resetSeconds));
    if (count > perMinute) throw tooManyRequests(resetSeconds);
    await next();
  };
}
