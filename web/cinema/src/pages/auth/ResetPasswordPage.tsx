import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { identity } from '../../api';
import { Field } from '../../components/Field';
import { Notice } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';
import { useSubmission } from '../../lib/hooks';
import { AuthCard } from './AuthCard';
import { ResendButton, useLocalInbox } from './VerifyPage';

/** Request a code by email, then set a new password with it (every session ends). */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [step, setStep] = useState<'request' | 'confirm'>('request');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const submit = useSubmission();
  const inbox = useLocalInbox(step === 'confirm' ? email.trim() : undefined);

  if (step === 'request')
    return (
      <AuthCard title={t('auth.resetTitle')} intro={<p>{t('auth.resetText')}</p>}>
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit.run(async () => {
              await identity.requestPasswordReset(email.trim());
              setStep('confirm');
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
          {submit.error && !submit.fields.email ? (
            <Notice kind="error">{errorMessage(t, submit.error)}</Notice>
          ) : null}
          <button type="submit" className="btn btn--primary btn--block" disabled={submit.busy}>
            {t('auth.sendCode')}
          </button>
        </form>
      </AuthCard>
    );

  return (
    <AuthCard
      title={t('auth.resetTitle')}
      intro={<p>{t('auth.resetCodeText', { email: email.trim() })}</p>}
      footer={
        <>
          <p>
            <button type="button" className="link-button" onClick={() => setStep('request')}>
              {t('auth.otherEmail')}
            </button>
          </p>
          {inbox && (
            <p>
              <a href={inbox} target="_blank" rel="noopener">
                {t('auth.localInbox')}
              </a>
            </p>
          )}
        </>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (password !== repeat) {
            setMismatch(true);
            return;
          }
          setMismatch(false);
          void submit.run(async () => {
            await identity.confirmPasswordReset(email.trim(), code.trim(), password);
            navigate(`/login?email=${encodeURIComponent(email.trim())}`, {
              replace: true,
              state: { notice: t('auth.resetDone') },
            });
          });
        }}
      >
        <Field
          label={t('auth.code')}
          name="code"
          className="field--code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          required
          hint={t('auth.codeHint')}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
          error={submit.fields.code}
        />
        <Field
          label={t('auth.newPassword')}
          type="password"
          name="newPassword"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={128}
          hint={t('auth.passwordHint')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={submit.fields.newPassword}
        />
        <Field
          label={t('auth.repeatPassword')}
          type="password"
          name="repeatPassword"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={mismatch ? t('auth.passwordsDiffer') : undefined}
        />
        {submit.error && !Object.keys(submit.fields).length ? (
          <Notice kind="error">{errorMessage(t, submit.error)}</Notice>
        ) : null}
        <button type="submit" className="btn btn--primary btn--block" disabled={submit.busy}>
          {t('auth.setPassword')}
        </button>
      </form>
      <ResendButton send={() => identity.requestPasswordReset(email.trim())} onSent={() => undefined} />
    </AuthCard>
  );
}
