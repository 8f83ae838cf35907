import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { films, identity } from '../../api';
import { useAuth } from '../../auth/auth';
import { Field } from '../../components/Field';
import { Notice } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';
import { useResource, useSubmission } from '../../lib/hooks';

/** Names, avatar and whether the profile page is public. */
export function AccountTab() {
  const { t } = useI18n();
  const { user, setUser } = useAuth();
  const filmsProfile = useResource(() => films.myProfile(), [user?.id]);
  const [form, setForm] = useState({ firstName: '', lastName: '', avatarUrl: '' });
  const [isPublic, setIsPublic] = useState(false);
  const [saved, setSaved] = useState(false);
  const submit = useSubmission();

  useEffect(() => {
    if (user)
      setForm({ firstName: user.firstName, lastName: user.lastName, avatarUrl: user.avatarUrl ?? '' });
  }, [user]);
  useEffect(() => {
    if (filmsProfile.data) setIsPublic(filmsProfile.data.isPublic);
  }, [filmsProfile.data]);

  if (!user) return null;
  const onSubmit = () =>
    submit.run(async () => {
      setSaved(false);
      const firstName = form.firstName.trim();
      const lastName = form.lastName.trim();
      const updated = await identity.updateMe({
        firstName,
        lastName,
        avatarUrl: form.avatarUrl.trim() || null,
        isPublic,
      });
      setUser(updated);
      // The films service shows this name with comments and on the public page.
      const profile = await films.updateMyProfile({
        displayName: [firstName, lastName].filter(Boolean).join(' '),
        isPublic,
      });
      filmsProfile.setData(() => profile);
      setSaved(true);
    });

  return (
    <section className="panel" aria-labelledby="account-title">
      <h2 id="account-title">{t('profile.tabAccount')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <div className="form__row">
          <Field
            label={t('auth.firstName')}
            name="firstName"
            required
            maxLength={60}
            autoComplete="given-name"
            value={form.firstName}
            onChange={(e) => setForm((f) => ({ ...f, firstName: e.target.value }))}
            error={submit.fields.firstName}
          />
          <Field
            label={t('auth.lastName')}
            name="lastName"
            maxLength={60}
            autoComplete="family-name"
            value={form.lastName}
            onChange={(e) => setForm((f) => ({ ...f, lastName: e.target.value }))}
            error={submit.fields.lastName}
          />
        </div>
        <Field
          label={t('profile.avatarUrl')}
          name="avatarUrl"
          type="url"
          placeholder="https://…"
          hint={t('profile.avatarHint')}
          value={form.avatarUrl}
          onChange={(e) => setForm((f) => ({ ...f, avatarUrl: e.target.value }))}
          error={submit.fields.avatarUrl}
        />
        <label className="check check--block">
          <input
            type="checkbox"
            role="switch"
            checked={isPublic}
            onChange={(e) => setIsPublic(e.target.checked)}
          />
          <span>
            <strong>{t('profile.public')}</strong>
            <span className="muted"> — {t('profile.publicHint')}</span>
          </span>
        </label>
        <dl className="meta-list">
          <div>
            <dt>{t('profile.email')}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t('profile.status')}</dt>
            <dd>
              <span className={`status status--${user.status}`}>{t(`status.${user.status}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t('profile.roles')}</dt>
            <dd>{user.roles.join(', ')}</dd>
          </div>
        </dl>
        {saved && <Notice kind="success">{t('common.saved')}</Notice>}
        {submit.error && !Object.keys(submit.fields).length ? (
          <Notice kind="error">{errorMessage(t, submit.error)}</Notice>
        ) : null}
        <div className="form__actions">
          <button type="submit" className="btn btn--primary" disabled={submit.busy}>
            {t('common.save')}
          </button>
          <Link to={`/users/${user.id}`} className="btn btn--ghost">
            {t('profile.publicLink')}
          </Link>
        </div>
      </form>
    </section>
  );
}
