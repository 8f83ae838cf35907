import { HttpProblem, serviceUnavailable, tooManyRequests } from '@switchyard/kit';
import { FloodWait, isTelegramError, SignInFailed, TelegramUnknownError } from '@switchyard/telegram';

const SIGN_IN_TEXT: Record<SignInFailed['failure'], string> = {
  phone_invalid: 'Telegram does not know this phone number.',
  code_invalid: 'The code is wrong; enter it again.',
  code_expired: 'The code has expired; start the sign-in again.',
  password_invalid: 'The password is wrong; enter it again.',
  flow_expired: 'This sign-in has expired; start it again.',
};

/**
 * A Telegram failure as an answer for the operator: wrong codes and passwords are 422 with
 * the failure named, flood waits 429 with Retry-After, an unreachable Telegram 503. Messages
 * come from the typed error, never from a session or a code.
 */
export function telegramProblem(err: unknown): unknown {
  if (!isTelegramError(err)) return err;
  if (err instanceof SignInFailed)
    return new HttpProblem(422, 'Sign-in failed', SIGN_IN_TEXT[err.failure], {
      type: 'https://switchyard.dev/problems/sign-in-failed',
      failure: err.failure,
    });
  if (err instanceof FloodWait)
    return tooManyRequests(err.seconds, `Telegram asks to wait ${err.seconds} s before trying again.`);
  if (err instanceof TelegramUnknownError)
    return serviceUnavailable(`Telegram did not answer as expected: ${err.message}`);
  return new HttpProblem(422, 'Telegram refused', err.message, {
    type: 'https://switchyard.dev/problems/telegram-refused',
    telegramError: err.code,
    reason: err.reason,
  });
}

/** Runs a Telegram call and rethrows its failure as a problem. */
export async function viaTelegram<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw telegramProblem(err);
  }
}
