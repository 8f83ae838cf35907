import type { ReactNode } from 'react';

/** The narrow centred card the sign-in, registration, verification and reset pages share. */
export function AuthCard({
  title,
  intro,
  children,
  footer,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="auth">
      <div className="auth__card">
        <h1>{title}</h1>
        {intro && <div className="auth__intro">{intro}</div>}
        {children}
        {footer && <div className="auth__footer">{footer}</div>}
      </div>
    </div>
  );
}

/** Only same-app paths are followed after sign-in (never another origin). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
