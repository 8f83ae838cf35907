import { ApiError } from '../api/problem';
import type { Translate } from '../i18n/i18n';

/** A readable sentence for any failure: the problem's detail, or a localised fallback. */
export function errorMessage(t: Translate, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.isNetwork) return t('error.network');
    if (err.status === 429) return t('error.tooMany', { seconds: err.retryAfter ?? 60 });
    if (err.status >= 500) return t('error.server');
    if (err.status === 401 && !err.detail) return t('error.signIn');
    if (err.status === 404 && !err.detail) return t('error.notFound');
    const attempts = err.extra.attemptsLeft;
    const base = err.detail ?? err.title;
    return typeof attempts === 'number' ? `${base} ${t('auth.attemptsLeft', { count: attempts })}` : base;
  }
  return t('error.generic');
}

/** Field errors of a failed form submit, keyed by field name. */
export const fieldErrorsOf = (err: unknown): Record<string, string> =>
  err instanceof ApiError ? err.fieldErrors : {};
