import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { errorMessage } from '../lib/errors';
import { AlertIcon, FilmIcon } from './Icons';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="state state--error" role="alert">
      <AlertIcon size={28} />
      <p>{errorMessage(t, error)}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state--empty">
      <FilmIcon size={32} />
      <p>{children}</p>
      {action}
    </div>
  );
}

/** A status line for the result of an action: success or failure, announced to screen readers. */
export function Notice({ kind, children }: { kind: 'success' | 'error' | 'info'; children: ReactNode }) {
  return (
    <div className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
