import { useState, type ChangeEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { identity } from '../../api';
import { useAuth } from '../../auth/auth';
import { Field } from '../../components/Field';
import { Notice } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';
import { useSubmission } from '../../lib/hooks';
import { AuthCard } from './AuthCard';

export function RegisterPage() {
  const { t, lang } = useI18n();
  const { user, ready } = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', password: '' });
  const submit = useSubmission();
  const set = (key: keyof typeof form) => (e: ChangeEvent<HTMLInputElement>) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  if (ready && user && !submit.busy)
    return <Navigate to={user.status === 'not_verified' ? '/verify' : '/'} replace />;

  return (
    <AuthCard
      title={t('auth.registerTitle')}
      footer={
        <p>
          {t('auth.haveAccount')} <Link to="/login">{t('nav.signIn')}</Link>
        </p>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            await identity.register({
              firstName: form.firstName.trim(),
              lastName: form.lastName.trim(),
              email: form.email.trim(),
              password: form.password,
              locale: lang,
            });
            navigate('/verify', { replace: true });
          });
        }}
      >
        <div className="form__row">
          <Field
            label={t('auth.firstName')}
            name="firstName"
            autoComplete="given-name"
            required
            maxLength={60}
            value={form.firstName}
            onChange={set('firstName')}
            error={submit.fields.firstName}
          />
          <Field
            label={t('auth.lastName')}
            name="lastName"
            autoComplete="family-name"
            maxLength={60}
            value={form.lastName}
            onChange={set('lastName')}
            error={submit.fields.lastName}
          />
        </div>
        <Field
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={submit.fields.email}
        />
        <Field
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={128}
          hint={t('auth.passwordHint')}
          value={form.password}
          onChange={set('password')}
          error={submit.fields.password}
        />
        {submit.error && !Object.keys(submit.fields).length ? (
          <Notice kind="error">{errorMessage(t, submit.error)}</Notice>
        ) : null}
        <button type="submit" className="btn btn--primary btn--block" disabled={submit.busy}>
          {t('auth.register')}
        </button>
      </form>
    </AuthCard>
  );
}
