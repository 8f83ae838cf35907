import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { identity } from '../../api';
import { useAuth } from '../../auth/auth';
import { Field } from '../../components/Field';
import { Notice } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';
import { useSubmission } from '../../lib/hooks';
import { AuthCard, safeNext } from './AuthCard';

export function LoginPage() {
  const { t } = useI18n();
  const { user, ready } = useAuth();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const notice = (location.state as { notice?: string } | null)?.notice;
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const submit = useSubmission();

  if (ready && user && !submit.busy) return <Navigate to={next} replace />;

  return (
    <AuthCard
      title={t('auth.signInTitle')}
      footer={
        <>
          <p>
            {t('auth.noAccount')} <Link to="/register">{t('nav.register')}</Link>
          </p>
          <p>
            <Link to={`/reset-password${email ? `?email=${encodeURIComponent(email)}` : ''}`}>
              {t('auth.forgot')}
            </Link>
          </p>
        </>
      }
    >
      {notice && <Notice kind="success">{notice}</Notice>}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            const session = await identity.login(email.trim(), password);
            navigate(session.user.status === 'not_verified' ? '/verify' : next, { replace: true });
          });
        }}
      >
        <Field
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={submit.fields.email}
        />
        <Field
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={submit.fields.password}
        />
        {submit.error ? <Notice kind="error">{errorMessage(t, submit.error)}</Notice> : null}
        <button type="submit" className="btn btn--primary btn--block" disabled={submit.busy}>
          {t('auth.signIn')}
        </button>
      </form>
    </AuthCard>
  );
}
