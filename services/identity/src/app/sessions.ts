import { randomUUID } from 'node:crypto';
import type { Transaction } from '@switchyard/store';
import { newOpaqueToken, sha256Hex } from '../crypto/tokens';
import type { IdentityDB } from '../repositories/db';
import type { UserRow } from '../repositories/users';
import type { Infra } from './deps';
import { ownProfile } from './views';

export interface RefreshGrant {
  sessionId: string;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const USER_AGENT_MAX = 300;
export const clipUserAgent = (ua: string | undefined) => (ua ? ua.slice(0, USER_AGENT_MAX) : null);

export const refreshTtlMs = (infra: Infra) => infra.config.IDENTITY_REFRESH_TTL_DAYS * 24 * 60 * 60_000;

/** Starts a session (a new refresh-token family) with its first token. */
export async function openSession(
  infra: Infra,
  trx: Transaction<IdentityDB>,
  userId: string,
  userAgent: string | undefined,
): Promise<RefreshGrant> {
  const now = infra.clock();
  const expiresAt = new Date(now.getTime() + refreshTtlMs(infra));
  const sessionId = randomUUID();
  const sessions = infra.sessions.in(trx);
  await sessions.create({
    id: sessionId,
    user_id: userId,
    user_agent: clipUserAgent(userAgent),
    created_at: now,
    last_used_at: now,
    expires_at: expiresAt,
    revoked_at: null,
    revoked_reason: null,
  });
  const refreshToken = newOpaqueToken();
  await sessions.addToken({
    token_hash: sha256Hex(refreshToken),
    session_id: sessionId,
    created_at: now,
    expires_at: expiresAt,
  });
  return { sessionId, refreshToken, refreshExpiresAt: expiresAt };
}

/** A new access token for the user in an existing session. */
export async function accessFor(infra: Infra, user: UserRow, sessionId: string) {
  const access = await infra.tokens.issue({
    userId: user.id,
    sessionId,
    roles: user.roles,
    status: user.status,
    email: user.email,
  });
  return { ...access, user: ownProfile(user) };
}

/** The body answered after sign-in, registration and refresh. */
export async function sessionTokens(infra: Infra, user: UserRow, grant: RefreshGrant) {
  return {
    ...(await accessFor(infra, user, grant.sessionId)),
    refreshToken: grant.refreshToken,
    refreshExpiresAt: grant.refreshExpiresAt.toISOString(),
  };
}

export type SessionTokensBody = Awaited<ReturnType<typeof sessionTokens>>;
