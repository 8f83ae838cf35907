import { UserBanned, UserUnbanned } from '@switchyard/contracts/identity';
import { conflict, forbidden, HttpProblem, notFound, type AuthUser } from '@switchyard/kit';
import { banRefusal, normaliseRoles, removesLastOwner, statusAfterUnban, type Role } from '../domain/user';
import type { Infra } from './deps';

const refusals = {
  self: forbidden('You cannot ban yourself.'),
  owner: conflict('An owner cannot be banned.'),
  'admin-needs-owner': forbidden('Only an owner can ban an administrator.'),
  'already-banned': conflict('The user is already banned.'),
};

/** Bans a user: sessions end at once, and other services hear of it and refuse their tokens. */
export async function banUser(infra: Infra, actor: AuthUser, userId: string, reason: string | undefined) {
  const banned = await infra.transaction(async (trx, publish) => {
    const users = infra.users.in(trx);
    const target = await users.byId(userId);
    if (!target) throw notFound('User');
    const refusal = banRefusal(actor, target);
    if (refusal) throw refusals[refusal];
    const now = infra.clock();
    const updated = await users.update(
      userId,
      {
        status: 'banned',
        status_before_ban: target.status === 'banned' ? null : target.status,
        ban_reason: reason ?? null,
        banned_at: now,
      },
      now,
    );
    await infra.sessions.in(trx).revokeAll(userId, 'banned', now);
    await publish(UserBanned, { userId, ...(reason ? { reason } : {}) });
    return updated!;
  });
  infra.log.info({ userId, by: actor.id }, 'user banned');
  return banned;
}

/** Lifts a ban, restoring the status the user had before it. */
export async function unbanUser(infra: Infra, actor: AuthUser, userId: string) {
  const unbanned = await infra.transaction(async (trx, publish) => {
    const users = infra.users.in(trx);
    const target = await users.byId(userId);
    if (!target) throw notFound('User');
    if (target.status !== 'banned') throw conflict('The user is not banned.');
    const updated = await users.update(
      userId,
      {
        status: statusAfterUnban(target.status_before_ban),
        status_before_ban: null,
        ban_reason: null,
        banned_at: null,
      },
      infra.clock(),
    );
    await publish(UserUnbanned, { userId });
    return updated!;
  });
  infra.log.info({ userId, by: actor.id }, 'user unbanned');
  return unbanned;
}

/** Replaces a user's roles (owners only); the last owner keeps the owner role. */
export async function setRoles(infra: Infra, actor: AuthUser, userId: string, roles: Role[]) {
  const next = normaliseRoles(roles);
  return infra.transaction(async (trx) => {
    const users = infra.users.in(trx);
    const target = await users.byId(userId);
    if (!target) throw notFound('User');
    if (removesLastOwner(target.roles, next, await users.countOwners())) {
      throw new HttpProblem(409, 'Conflict', 'The last owner cannot lose the owner role.');
    }
    const updated = await users.update(userId, { roles: next }, infra.clock());
    infra.log.info({ userId, roles: next, by: actor.id }, 'roles changed');
    return updated!;
  });
}
