import { randomUUID } from 'node:crypto';
import { UserActivated, UserEmailChanged, UserRegistered } from '@switchyard/contracts/identity';
import { MailRequested } from '@switchyard/contracts/mail';
import type { Enqueue } from '@switchyard/bus';
import { badRequest, conflict, forbidden, notFound } from '@switchyard/kit';
import { isUniqueViolation, type Transaction } from '@switchyard/store';
import type { CodePurpose } from '../domain/codes';
import type { Locale } from '../domain/user';
import type { IdentityDB } from '../repositories/db';
import type { UserRow } from '../repositories/users';
import {
  codeProblem,
  CODE_TTL_SECONDS,
  genericCodeProblem,
  issueCode,
  limitCodeRequests,
  spendCode,
} from './codes';
import type { Infra } from './deps';
import { emailKey, takeRateLimit, type LoginGuard } from './guards';
import { accessFor, openSession, sessionTokens } from './sessions';

export interface Registration {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  ip: string;
  userAgent: string | undefined;
}

const EMAIL_TAKEN = 'An account with this email already exists.';

/**
 * Creates an unverified account, mails it a code and signs it in (the tokens say
 * `not_verified` until the code is redeemed).
 */
export async function register(infra: Infra, input: Registration) {
  await takeRateLimit(infra.cache, `register:${input.ip}`, [
    { limit: infra.config.IDENTITY_REGISTRATIONS_PER_IP_HOUR, ms: 60 * 60_000 },
  ]);
  if (await infra.users.byEmail(input.email)) throw conflict(EMAIL_TAKEN);
  const passwordHash = await infra.passwords.hash(input.password);
  const now = infra.clock();
  const user: UserRow = {
    id: randomUUID(),
    email: input.email,
    password_hash: passwordHash,
    first_name: input.firstName,
    last_name: input.lastName,
    roles: ['user'],
    status: 'not_verified',
    status_before_ban: null,
    ban_reason: null,
    banned_at: null,
    locale: input.locale,
    is_public: false,
    avatar_url: null,
    created_at: now,
    updated_at: now,
  };
  let grant;
  try {
    grant = await infra.transaction(async (trx, publish) => {
      await infra.users.in(trx).insert(user);
      await publish(UserRegistered, {
        userId: user.id,
        email: user.email,
        firstName: user.first_name,
        locale: user.locale,
      });
      await issueCode(infra, trx, publish, user, 'verify-email', user.email);
      return openSession(infra, trx, user.id, input.userAgent);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(EMAIL_TAKEN);
    throw err;
  }
  // The first code counts towards the request limit, like any other.
  await limitCodeRequests(infra, 'verify-email', user.id).catch(() => undefined);
  infra.metrics.registrations.inc();
  return sessionTokens(infra, user, grant);
}

async function currentUser(infra: Infra, userId: string): Promise<UserRow> {
  const user = await infra.users.byId(userId);
  if (!user) throw notFound('User');
  if (user.status === 'banned') throw forbidden('This account is banned.');
  return user;
}

/** Mails a new verification code to an unverified account. */
export async function requestVerificationCode(infra: Infra, userId: string) {
  const user = await currentUser(infra, userId);
  if (user.status !== 'not_verified') throw conflict('The email address is already verified.');
  await limitCodeRequests(infra, 'verify-email', user.id);
  await infra.transaction((trx, publish) => issueCode(infra, trx, publish, user, 'verify-email', user.email));
  return { expiresInSeconds: CODE_TTL_SECONDS, sentTo: user.email };
}

/** Marks the account verified inside `trx`, announcing it and welcoming the user. */
async function activate(infra: Infra, trx: Transaction<IdentityDB>, publish: Enqueue, user: UserRow) {
  const updated = await infra.users.in(trx).update(user.id, { status: 'active' }, infra.clock());
  await publish(UserActivated, { userId: user.id });
  await publish(MailRequested, {
    to: updated!.email,
    template: 'welcome',
    locale: user.locale,
    variables: { firstName: user.first_name },
    requestedBy: 'identity',
  });
  return updated!;
}

/** Redeems a code of the signed-in user; answers a fresh access token that carries the change. */
export async function redeemCode(
  infra: Infra,
  input: {
    userId: string;
    sessionId: string;
    purpose: Extract<CodePurpose, 'verify-email' | 'change-email'>;
    code: string;
  },
) {
  if (input.purpose === 'change-email') return confirmEmailChange(infra, input);
  const user = await currentUser(infra, input.userId);
  if (user.status !== 'not_verified') throw conflict('The email address is already verified.');
  const result = await infra.transaction(async (trx, publish) => {
    const { check } = await spendCode(infra, trx, user.id, 'verify-email', input.code);
    if (check.outcome !== 'ok') return { check } as const;
    return { check, user: await activate(infra, trx, publish, user) } as const;
  });
  if (!result.user) throw codeProblem(result.check);
  return accessFor(infra, result.user, input.sessionId);
}

/** Checks the current password of a signed-in user, counting failures like sign-ins. */
async function confirmPassword(infra: Infra, guard: LoginGuard, user: UserRow, password: string, ip: string) {
  await guard.check(user.email, ip);
  if (!(await infra.passwords.verify(user.password_hash, password))) {
    await guard.fail(user.email, ip);
    throw forbidden('The current password is wrong.');
  }
  await guard.succeed(user.email);
}

/** Sets a new password and ends every other session of the user. */
export async function changePassword(
  infra: Infra,
  guard: LoginGuard,
  input: { userId: string; sessionId: string; currentPassword: string; newPassword: string; ip: string },
) {
  const user = await currentUser(infra, input.userId);
  await confirmPassword(infra, guard, user, input.currentPassword, input.ip);
  const hash = await infra.passwords.hash(input.newPassword);
  await infra.transaction(async (trx) => {
    const now = infra.clock();
    await infra.users.in(trx).update(user.id, { password_hash: hash }, now);
    await infra.sessions.in(trx).revokeAll(user.id, 'password-changed', now, input.sessionId);
  });
}

/**
 * Mails a reset code when the account exists and is not banned. The answer and the rate limit
 * are the same either way, so the endpoint does not reveal which emails have accounts.
 */
export async function requestPasswordReset(infra: Infra, email: string): Promise<void> {
  await limitCodeRequests(infra, 'reset-password', emailKey(email));
  const user = await infra.users.byEmail(email);
  if (!user || user.status === 'banned') return;
  await infra.transaction((trx, publish) =>
    issueCode(infra, trx, publish, user, 'reset-password', user.email),
  );
}

/** Sets a new password with a mailed code; every session ends, and an unverified email counts as verified. */
export async function confirmPasswordReset(
  infra: Infra,
  guard: LoginGuard,
  input: { email: string; code: string; newPassword: string },
): Promise<void> {
  const user = await infra.users.byEmail(input.email);
  if (!user || user.status === 'banned') throw genericCodeProblem();
  const hash = await infra.passwords.hash(input.newPassword);
  const ok = await infra.transaction(async (trx, publish) => {
    const { check } = await spendCode(infra, trx, user.id, 'reset-password', input.code);
    if (check.outcome !== 'ok') return false;
    const now = infra.clock();
    await infra.users.in(trx).update(user.id, { password_hash: hash }, now);
    await infra.sessions.in(trx).revokeAll(user.id, 'password-reset', now);
    if (user.status === 'not_verified') await activate(infra, trx, publish, user);
    return true;
  });
  if (!ok) throw genericCodeProblem();
  await guard.succeed(user.email);
}

/** Mails a code to the NEW address (the original appended it to a row that did not exist). */
export async function requestEmailChange(
  infra: Infra,
  guard: LoginGuard,
  input: { userId: string; newEmail: string; password: string; ip: string },
) {
  const user = await currentUser(infra, input.userId);
  if (input.newEmail === user.email) throw badRequest('This is already your email address.');
  await confirmPassword(infra, guard, user, input.password, input.ip);
  if (await infra.users.byEmail(input.newEmail)) throw conflict(EMAIL_TAKEN);
  await limitCodeRequests(infra, 'change-email', user.id);
  await infra.transaction((trx, publish) =>
    issueCode(infra, trx, publish, user, 'change-email', input.newEmail, input.newEmail),
  );
  return { expiresInSeconds: CODE_TTL_SECONDS, sentTo: input.newEmail };
}

/** Switches to the address the code was mailed to; the code proves it, so the account counts as verified. */
export async function confirmEmailChange(
  infra: Infra,
  input: { userId: string; sessionId: string; code: string },
) {
  const user = await currentUser(infra, input.userId);
  let result;
  try {
    result = await infra.transaction(async (trx, publish) => {
      const { check, row } = await spendCode(infra, trx, user.id, 'change-email', input.code);
      if (check.outcome !== 'ok' || !row?.new_email) return { check } as const;
      let updated = await infra.users.in(trx).update(user.id, { email: row.new_email }, infra.clock());
      await publish(UserEmailChanged, { userId: user.id, email: row.new_email });
      if (user.status === 'not_verified') updated = await activate(infra, trx, publish, updated!);
      return { check, user: updated! } as const;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(EMAIL_TAKEN);
    throw err;
  }
  if (!result.user) throw codeProblem(result.check);
  return accessFor(infra, result.user, input.sessionId);
}
