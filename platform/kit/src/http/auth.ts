import type { TokenVerifier } from '@switchyard/auth';
import { TokenError } from '@switchyard/auth';
import type { Context, MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import { forbidden, HttpProblem, notFound, unauthorized } from '../problem';
import type { AppEnv, AuthUser } from './env';

/** Users the service knows to be banned right now (fed by identity's events). */
export interface BanList {
  isBanned(userId: string): boolean | Promise<boolean>;
}

/**
 * Reads a Bearer token when one is sent. A bad or expired token does not fail the request
 * here: public routes answer as for a guest (the original answered 401 even on public GETs);
 * routes that need a user call `requireUser`, which reports why the token was refused.
 */
export function authentication(
  verifier: TokenVerifier | undefined,
  bans?: BanList,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('authError', null);
    const header = c.req.header('authorization');
    if (verifier && header) {
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{10,4096})$/.exec(header);
      if (!match) c.set('authError', 'invalid');
      else {
        try {
          const user = await verifier.verify(match[1]!);
          if (bans && (await bans.isBanned(user.id))) {
            throw new HttpProblem(403, 'Forbidden', 'This account is banned.');
          }
          c.set('user', user);
        } catch (err) {
          if (err instanceof HttpProblem) throw err;
          c.set('authError', err instanceof TokenError ? err.reason : 'invalid');
        }
      }
    }
    await next();
  };
}

/** The caller, or a 401 that says whether the token was missing, expired or invalid. */
export function requireUser(c: Context<AppEnv>): AuthUser {
  const user = c.get('user');
  if (user) return user;
  const reason = c.get('authError');
  if (reason === 'expired') throw unauthorized('The access token has expired; refresh it.');
  if (reason === 'invalid') throw unauthorized('The access token is not valid.');
  throw unauthorized();
}

/** The caller when they hold one of the roles, else 401/403. */
export function requireRole(c: Context<AppEnv>, ...roles: string[]): AuthUser {
  const user = requireUser(c);
  if (!user.roles.some((r) => roles.includes(r)))
    throw forbidden(`Requires one of the roles: ${roles.join(', ')}.`);
  return user;
}

/** The caller when their account is verified (status active). */
export function requireActive(c: Context<AppEnv>): AuthUser {
  const user = requireUser(c);
  if (user.status !== 'active') throw forbidden('Verify your email address first.');
  return user;
}

export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

/** Marks requests that carry the deployment's internal token; compared in constant time. */
export function internalCalls(token: string | undefined): MiddlewareHandler<AppEnv> {
  const expected = token ? Buffer.from(token) : undefined;
  return async (c, next) => {
    const given = c.req.header(INTERNAL_TOKEN_HEADER);
    c.set(
      'internal',
      !!expected &&
        !!given &&
        given.length === expected.length &&
        timingSafeEqual(Buffer.from(given), expected),
    );
    await next();
  };
}

/**
 * For service-to-service endpoints (`/internal/...`): only callers with the internal token.
 * Answers 404, not 403, so the endpoint does not exist for anyone else; the gateway never
 * forwards `/internal/` paths either.
 */
export function requireInternal(c: Context<AppEnv>): void {
  if (!c.get('internal')) throw notFound('Endpoint');
}

export const isAdmin = (user: AuthUser | null) =>
  !!user && (user.roles.includes('admin') || user.roles.includes('owner'));
