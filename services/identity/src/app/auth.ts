import { forbidden, unauthorized } from '@switchyard/kit';
import { newOpaqueToken, sha256Hex } from '../crypto/tokens';
import { decideRefresh } from '../domain/refresh';
import { normaliseEmail } from '../domain/user';
import type { Infra } from './deps';
import type { LoginGuard } from './guards';
import { clipUserAgent, openSession, refreshTtlMs, sessionTokens, type SessionTokensBody } from './sessions';

/** One message for an unknown email and a wrong password alike. */
export const WRONG_CREDENTIALS = 'Wrong email or password.';

export interface Credentials {
  email: string;
  password: string;
  ip: string;
  userAgent: string | undefined;
}

/**
 * Signs in: lock and address checks first, then the password (an unknown email costs a hash
 * of a dummy password, so timing does not tell), then the ban.
 */
export async function login(
  infra: Infra,
  guard: LoginGuard,
  dummyHash: string,
  input: Credentials,
): Promise<SessionTokensBody> {
  const email = normaliseEmail(input.email);
  try {
    await guard.check(email, input.ip);
  } catch (err) {
    infra.metrics.logins.inc({ outcome: 'locked' });
    throw err;
  }
  const user = await infra.users.byEmail(email);
  const ok = await infra.passwords.verify(user?.password_hash ?? dummyHash, input.password);
  if (!user || !ok) {
    const lockMs = await guard.fail(email, input.ip);
    infra.metrics.logins.inc({ outcome: 'wrong' });
    if (lockMs > 0) infra.log.warn({ lockSeconds: lockMs / 1000 }, 'sign-in locked after repeated failures');
    throw unauthorized(WRONG_CREDENTIALS);
  }
  await guard.succeed(email);
  if (user.status === 'banned') {
    infra.metrics.logins.inc({ outcome: 'banned' });
    throw forbidden('This account is banned.');
  }
  if (infra.passwords.needsRehash(user.password_hash)) {
    await infra.users.update(
      user.id,
      { password_hash: await infra.passwords.hash(input.password) },
      infra.clock(),
    );
  }
  const grant = await infra.transaction((trx) => openSession(infra, trx, user.id, input.userAgent));
  infra.metrics.logins.inc({ outcome: 'ok' });
  return sessionTokens(infra, user, grant);
}

/**
 * Rotates a refresh token: the presented one is spent and a new one of the same family is
 * returned. A token presented twice means it leaked, so its whole family is revoked.
 */
export async function refresh(
  infra: Infra,
  input: { refreshToken: string; userAgent: string | undefined },
): Promise<SessionTokensBody> {
  const hash = sha256Hex(input.refreshToken);
  const outcome = await infra.transaction(async (trx) => {
    const now = infra.clock();
    const sessions = infra.sessions.in(trx);
    const found = await sessions.byToken(hash);
    let decision = decideRefresh(
      found && {
        token: { expiresAt: found.token_expires_at, rotatedAt: found.rotated_at },
        session: { revokedAt: found.revoked_at, expiresAt: found.session_expires_at },
      },
      now,
    );
    // Two requests racing with the same token: only one may rotate it.
    if (decision === 'rotate' && !(await sessions.markRotated(hash, now))) decision = 'reuse';
    if (!found || decision !== 'rotate') {
      if (found && decision === 'reuse') {
        await sessions.revoke(found.session_id, found.user_id, 'refresh-token-reuse', now);
        infra.log.warn(
          { sessionId: found.session_id, userId: found.user_id },
          'refresh token reused; session revoked',
        );
      }
      return { decision } as const;
    }
    const user = await infra.users.in(trx).byId(found.user_id);
    if (!user || user.status === 'banned') {
      await sessions.revoke(found.session_id, found.user_id, 'banned', now);
      return { decision: 'banned' } as const;
    }
    const expiresAt = new Date(now.getTime() + refreshTtlMs(infra));
    const refreshToken = newOpaqueToken();
    await sessions.addToken({
      token_hash: sha256Hex(refreshToken),
      session_id: found.session_id,
      created_at: now,
      expires_at: expiresAt,
    });
    await sessions.touch(found.session_id, now, expiresAt, clipUserAgent(input.userAgent));
    return {
      decision,
      user,
      grant: { sessionId: found.session_id, refreshToken, refreshExpiresAt: expiresAt },
    } as const;
  });
  infra.metrics.refreshes.inc({ outcome: outcome.decision });
  if (outcome.decision === 'banned') throw forbidden('This account is banned.');
  if (outcome.decision !== 'rotate' || !outcome.user || !outcome.grant) {
    const detail: Record<string, string> = {
      unknown: 'The refresh token is not valid; sign in again.',
      expired: 'The session has expired; sign in again.',
      revoked: 'The session has ended; sign in again.',
      reuse: 'The refresh token was already used; the session has been ended for safety. Sign in again.',
    };
    throw unauthorized(detail[outcome.decision]);
  }
  return sessionTokens(infra, outcome.user, outcome.grant);
}

/** Ends one session, named by its refresh token or by the caller's access token. */
export async function logout(
  infra: Infra,
  input: { refreshToken: string | undefined; userId: string | undefined; sessionId: string | undefined },
): Promise<boolean> {
  const now = infra.clock();
  if (input.refreshToken) {
    const found = await infra.sessions.byToken(sha256Hex(input.refreshToken));
    if (found) return infra.sessions.revoke(found.session_id, found.user_id, 'logout', now);
  }
  if (input.userId && input.sessionId)
    return infra.sessions.revoke(input.sessionId, input.userId, 'logout', now);
  return false;
}
