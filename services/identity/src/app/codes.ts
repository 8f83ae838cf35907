import { MailRequested } from '@switchyard/contracts/mail';
import type { Enqueue } from '@switchyard/bus';
import { HttpProblem } from '@switchyard/kit';
import type { Transaction } from '@switchyard/store';
import {
  checkCode,
  codeIsSpent,
  defaultCodePolicy,
  generateCode,
  type CodeCheck,
  type CodePurpose,
} from '../domain/codes';
import type { CodeRow } from '../repositories/codes';
import type { IdentityDB } from '../repositories/db';
import type { UserRow } from '../repositories/users';
import type { Infra } from './deps';
import { takeRateLimit } from './guards';

/** The mail template for each purpose (the mailer has one file per template). */
export const CODE_TEMPLATES: Record<CodePurpose, string> = {
  'verify-email': 'verification-code',
  'reset-password': 'password-reset',
  'change-email': 'email-change',
};

export const CODE_TTL_SECONDS = defaultCodePolicy.ttlMs / 1000;

/** Refuses with 429 when the user (or, for anonymous flows, the email) asked for codes too often. */
export function limitCodeRequests(infra: Infra, purpose: CodePurpose, subject: string): Promise<void> {
  return takeRateLimit(infra.cache, `codes:${purpose}:${subject}`, [
    { limit: infra.config.IDENTITY_CODES_PER_MINUTE, ms: 60_000 },
    { limit: infra.config.IDENTITY_CODES_PER_HOUR, ms: 60 * 60_000 },
  ]);
}

/**
 * Stores a fresh code for the user and purpose (replacing the live one) and asks the mailer,
 * through the outbox, to send it to `to`: both happen or neither does.
 */
export async function issueCode(
  infra: Infra,
  trx: Transaction<IdentityDB>,
  publish: Enqueue,
  user: Pick<UserRow, 'id' | 'first_name' | 'locale'>,
  purpose: CodePurpose,
  to: string,
  newEmail: string | null = null,
): Promise<void> {
  const code = generateCode(infra.randomInt);
  const now = infra.clock();
  await infra.codes.in(trx).replace({
    user_id: user.id,
    purpose,
    code_hash: infra.codeHasher.hash(user.id, purpose, code),
    new_email: newEmail,
    attempts: 0,
    created_at: now,
    expires_at: new Date(now.getTime() + defaultCodePolicy.ttlMs),
  });
  await publish(MailRequested, {
    to,
    template: CODE_TEMPLATES[purpose],
    locale: user.locale,
    variables: { code, firstName: user.first_name, minutes: CODE_TTL_SECONDS / 60 },
    requestedBy: 'identity',
  });
  infra.metrics.codes.inc({ purpose, outcome: 'sent' });
}

/**
 * Counts one guess and judges it inside `trx`; a code that is used, expired or out of
 * tries is deleted. The caller applies the effect in the same transaction when it is ok,
 * and otherwise commits (so the guess stays counted) before refusing.
 */
export async function spendCode(
  infra: Infra,
  trx: Transaction<IdentityDB>,
  userId: string,
  purpose: CodePurpose,
  code: string,
): Promise<{ check: CodeCheck; row: CodeRow | undefined }> {
  const codes = infra.codes.in(trx);
  const row = await codes.consumeAttempt(userId, purpose);
  const check = checkCode(
    row && {
      attempts: row.attempts,
      expiresAt: row.expires_at,
      matches: infra.codeHasher.matches(row.code_hash, userId, purpose, code),
    },
    infra.clock(),
    defaultCodePolicy,
  );
  if (codeIsSpent(check)) await codes.remove(userId, purpose);
  infra.metrics.codes.inc({ purpose, outcome: check.outcome });
  return { check, row };
}

/** The refusal for a code that did not work, saying why (for signed-in flows). */
export function codeProblem(check: CodeCheck): HttpProblem {
  const detail: Record<CodeCheck['outcome'], string> = {
    ok: '',
    wrong: 'The code is wrong.',
    expired: 'The code has expired; request a new one.',
    exhausted: 'Too many wrong codes; request a new one.',
    missing: 'There is no code to redeem; request one first.',
  };
  return new HttpProblem(422, 'Invalid code', detail[check.outcome], {
    reason: check.outcome,
    ...(check.outcome === 'wrong' ? { attemptsLeft: check.attemptsLeft } : {}),
  });
}

/** The same refusal whatever went wrong, for anonymous flows that must not reveal accounts. */
export const genericCodeProblem = () =>
  new HttpProblem(422, 'Invalid code', 'The email or code is wrong, or the code has expired.');
