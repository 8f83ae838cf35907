import type { UserRow } from '../repositories/users';
import type { SessionRow } from '../repositories/sessions';

/** The account as its owner sees it. */
export function ownProfile(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    firstName: u.first_name,
    lastName: u.last_name,
    roles: u.roles,
    status: u.status,
    locale: u.locale,
    isPublic: u.is_public,
    avatarUrl: u.avatar_url,
    createdAt: u.created_at.toISOString(),
    updatedAt: u.updated_at.toISOString(),
  };
}

/** The account as an administrator sees it. */
export function adminView(u: UserRow) {
  return {
    ...ownProfile(u),
    statusBeforeBan: u.status_before_ban,
    banReason: u.ban_reason,
    bannedAt: u.banned_at?.toISOString() ?? null,
  };
}

/** What anyone may see of a public profile. */
export function publicProfile(u: UserRow) {
  return {
    id: u.id,
    firstName: u.first_name,
    lastName: u.last_name,
    avatarUrl: u.avatar_url,
    createdAt: u.created_at.toISOString(),
  };
}

export function sessionView(s: SessionRow, currentId: string | undefined) {
  return {
    id: s.id,
    createdAt: s.created_at.toISOString(),
    lastUsedAt: s.last_used_at.toISOString(),
    expiresAt: s.expires_at.toISOString(),
    userAgent: s.user_agent,
    current: s.id === currentId,
  };
}
