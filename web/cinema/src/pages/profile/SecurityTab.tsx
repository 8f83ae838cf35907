import { useState } from 'react';
import { useNavigate } from 'react-router';
import { identity } from '../../api';
import { useAuth } from '../../auth/auth';
import { Field } from '../../components/Field';
import { ErrorState, Loading, Notice } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';
import { useResource, useSubmission } from '../../lib/hooks';
import { useLocalInbox } from '../auth/VerifyPage';

/** "Chrome 120 on Linux" is more than most people want; the product and platform will do. */
export function describeAgent(agent: string | null): string | null {
  if (!agent) return null;
  const browser = /(Edg|OPR|Firefox|Chrome|Chromium|Safari)\/[\d.]+/
    .exec(agent)?.[0]
    ?.replace(/\/([\d]+)[\d.]*/, ' $1');
  const os = /(Windows|Mac OS X|Android|iPhone|iPad|Linux)/.exec(agent)?.[0]?.replace('Mac OS X', 'macOS');
  return (
    [browser?.replace('Edg', 'Edge').replace('OPR', 'Opera'), os].filter(Boolean).join(' · ') ||
    agent.slice(0, 60)
  );
}

function Sessions() {
  const { t, date } = useI18n();
  const navigate = useNavigate();
  const sessions = useResource(() => identity.sessions(), []);
  const submit = useSubmission();

  const revoke = (id: string, current: boolean) =>
    void submit.run(async () => {
      await identity.revokeSession(id);
      if (current) {
        await identity.logout();
        navigate('/');
      } else sessions.setData((s) => s && { items: s.items.filter((x) => x.id !== id) });
    });
  const everywhere = () => {
    if (!window.confirm(t('profile.logoutEverywhereConfirm'))) return;
    void submit.run(async () => {
      await identity.logoutEverywhere();
      navigate('/');
    });
  };

  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('profile.sessions')}</h2>
      <p className="muted">{t('profile.sessionsHint')}</p>
      {sessions.error ? <ErrorState error={sessions.error} onRetry={sessions.reload} /> : null}
      {!sessions.data && !sessions.error && <Loading />}
      {sessions.data && (
        <ul className="sessions">
          {sessions.data.items.map((s) => (
            <li key={s.id} className={s.current ? 'is-current' : undefined}>
              <div>
                <strong>{describeAgent(s.userAgent) ?? t('profile.unknownAgent')}</strong>
                {s.current && <span className="badge badge--accent">{t('profile.thisSession')}</span>}
                <p className="muted small">
                  {t('profile.started', { date: date(s.createdAt, true) })} ·{' '}
                  {t('profile.lastUsed', { date: date(s.lastUsedAt, true) })}
                </p>
              </div>
              <button
                type="button"
                className="btn btn--small btn--ghost"
                onClick={() => revoke(s.id, s.current)}
                disabled={submit.busy}
              >
                {t('profile.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {submit.error ? <Notice kind="error">{errorMessage(t, submit.error)}</Notice> : null}
      <button type="button" className="btn btn--danger" onClick={everywhere} disabled={submit.busy}>
        {t('profile.logoutEverywhere')}
      </button>
    </section>
  );
}

function ChangePassword() {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const submit = useSubmission();
  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">{t('profile.changePassword')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(false);
          void submit.run(async () => {
            await identity.changePassword(current, next);
            setCurrent('');
            setNext('');
            setDone(true);
          });
        }}
      >
        <Field
          label={t('auth.currentPassword')}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={submit.fields.currentPassword}
        />
        <Field
          label={t('auth.newPassword')}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={128}
          hint={t('auth.passwordHint')}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={submit.fields.newPassword}
        />
        {done && <Notice kind="success">{t('profile.passwordChanged')}</Notice>}
        {submit.error && !Object.keys(submit.fields).length ? (
          <Notice kind="error">{errorMessage(t, submit.error)}</Notice>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="btn btn--primary" disabled={submit.busy}>
            {t('profile.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ChangeEmail() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const submit = useSubmission();
  const inbox = useLocalInbox(sentTo ?? undefined);

  return (
    <section className="panel" aria-labelledby="email-title">
      <h2 id="email-title">{t('profile.changeEmail')}</h2>
      <p className="muted">{user?.email}</p>
      {changed && <Notice kind="success">{t('profile.emailChanged', { email: changed })}</Notice>}
      {!sentTo ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            setChanged(null);
            void submit.run(async () => {
              const sent = await identity.requestEmailChange(newEmail.trim(), password);
              setSentTo(sent.sentTo || newEmail.trim());
              setPassword('');
            });
          }}
        >
          <Field
            label={t('profile.newEmail')}
            type="email"
            autoComplete="email"
            required
            value={newEmail}
            onChange={(e) => setNewEmail(e.target.value)}
            error={submit.fields.newEmail}
          />
          <Field
            label={t('auth.password')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={submit.fields.password}
          />
          {submit.error && !Object.keys(submit.fields).length ? (
            <Notice kind="error">{errorMessage(t, submit.error)}</Notice>
          ) : null}
          <div className="form__actions">
            <button type="submit" className="btn btn--primary" disabled={submit.busy}>
              {t('auth.sendCode')}
            </button>
          </div>
        </form>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit.run(async () => {
              const grant = await identity.confirmEmailChange(code.trim());
              setChanged(grant.user.email);
              setSentTo(null);
              setCode('');
              setNewEmail('');
            });
          }}
        >
          <Notice kind="info">{t('profile.emailCodeSent', { email: sentTo })}</Notice>
          <Field
            label={t('auth.code')}
            className="field--code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            maxLength={6}
            required
            hint={t('auth.codeHint')}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
            error={submit.fields.code ?? (submit.error ? errorMessage(t, submit.error) : undefined)}
          />
          {inbox && (
            <p className="small">
              <a href={inbox} target="_blank" rel="noopener">
                {t('auth.localInbox')}
              </a>
            </p>
          )}
          <div className="form__actions">
            <button type="submit" className="btn btn--primary" disabled={submit.busy || code.length !== 6}>
              {t('profile.confirmEmail')}
            </button>
            <button type="button" className="btn btn--ghost" onClick={() => setSentTo(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export function SecurityTab() {
  return (
    <div className="stack">
      <Sessions />
      <ChangePassword />
      <ChangeEmail />
    </div>
  );
}
