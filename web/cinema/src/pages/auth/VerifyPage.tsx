import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, client, identity } from '../../api';
import { useAuth } from '../../auth/auth';
import { Field } from '../../components/Field';
import { Notice } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';
import { useCountdown, useSubmission } from '../../lib/hooks';
import { AuthCard } from './AuthCard';

/** In embedded mode mail is captured; a link to that inbox saves a trip to a mail client. */
export function useLocalInbox(email: string | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!email) return;
    let live = true;
    client
      .get('/mail/inbox', { query: { to: email, limit: 1 }, auth: false })
      .then(() => live && setUrl(`/api/mail/inbox/view?to=${encodeURIComponent(email)}`))
      .catch(() => live && setUrl(null));
    return () => {
      live = false;
    };
  }, [email]);
  return url;
}

/** "Send a new code" that honours 429 Retry-After with a countdown. */
export function ResendButton({ send, onSent }: { send(): Promise<unknown>; onSent(): void }) {
  const { t } = useI18n();
  const [left, start] = useCountdown();
  const submit = useSubmission();
  return (
    <>
      <button
        type="button"
        className="btn btn--ghost btn--block"
        disabled={left > 0 || submit.busy}
        onClick={() =>
          void submit.run(async () => {
            try {
              await send();
              start(60);
              onSent();
            } catch (err) {
              if (err instanceof ApiError && err.status === 429) start(err.retryAfter ?? 60);
              throw err;
            }
          })
        }
      >
        {left > 0 ? t('auth.resendIn', { seconds: left }) : t('auth.resend')}
      </button>
      {submit.error ? <Notice kind="error">{errorMessage(t, submit.error)}</Notice> : null}
    </>
  );
}

export function VerifyPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const submit = useSubmission();
  const inbox = useLocalInbox(user?.email);

  if (user && user.status !== 'not_verified' && !submit.busy)
    return (
      <AuthCard title={t('auth.verifyTitle')}>
        <Notice kind="success">{t('auth.alreadyVerified')}</Notice>
        <Link to="/" className="btn btn--primary btn--block">
          {t('error.toHome')}
        </Link>
      </AuthCard>
    );

  return (
    <AuthCard
      title={t('auth.verifyTitle')}
      intro={<p>{t('auth.verifyText', { email: user?.email ?? '' })}</p>}
      footer={
        inbox && (
          <p>
            <a href={inbox} target="_blank" rel="noopener">
              {t('auth.localInbox')}
            </a>
          </p>
        )
      }
    >
      {sent && <Notice kind="success">{t('auth.codeSent', { email: user?.email ?? '' })}</Notice>}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run(async () => {
            await identity.redeemCode(code.trim());
            navigate('/', { replace: true, state: { notice: t('auth.verified') } });
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
          autoFocus
          hint={t('auth.codeHint')}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
          error={submit.fields.code ?? (submit.error ? errorMessage(t, submit.error) : undefined)}
        />
        <button
          type="submit"
          className="btn btn--primary btn--block"
          disabled={submit.busy || code.length !== 6}
        >
          {t('auth.verify')}
        </button>
      </form>
      <ResendButton send={() => identity.requestCode()} onSent={() => setSent(true)} />
    </AuthCard>
  );
}
