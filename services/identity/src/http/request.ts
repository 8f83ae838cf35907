import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { requireUser, unauthorized, type AppEnv, type AuthUser } from '@switchyard/kit';
import { sessionIdOf } from '../keys/access-tokens';

export const REFRESH_COOKIE = 'sy_refresh';

/**
 * The caller's address. The gateway appends the address it saw as the last X-Forwarded-For
 * hop, so that hop is the one to trust (earlier ones come from the client).
 */
export function clientIp(c: Context<AppEnv>, trustForwarded: boolean): string {
  if (trustForwarded) {
    const last = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (last && last.length <= 64) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export const userAgentOf = (c: Context<AppEnv>) => c.req.header('user-agent');

/** The signed-in caller and the session their access token belongs to. */
export function requireSession(c: Context<AppEnv>): { user: AuthUser; sessionId: string } {
  const user = requireUser(c);
  const token = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
  const sessionId = token ? sessionIdOf(token) : undefined;
  if (!sessionId) throw unauthorized('The access token is not valid.');
  return { user, sessionId };
}

export interface CookieOptions {
  path: string;
  secure: boolean;
}

/** The refresh token as an httpOnly cookie only identity's own paths receive. */
export function setRefreshCookie(
  c: Context<AppEnv>,
  token: string,
  expiresAt: Date,
  options: CookieOptions,
): void {
  setCookie(c, REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'Strict',
    path: options.path,
    expires: expiresAt,
  });
}

export function clearRefreshCookie(c: Context<AppEnv>, options: CookieOptions): void {
  deleteCookie(c, REFRESH_COOKIE, {
    path: options.path,
    secure: options.secure,
    httpOnly: true,
    sameSite: 'Strict',
  });
}

/** The refresh token from the JSON body, else from the cookie. */
export function refreshTokenOf(c: Context<AppEnv>, fromBody: string | undefined): string | undefined {
  return fromBody ?? getCookie(c, REFRESH_COOKIE);
}
