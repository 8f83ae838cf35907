import { Link, useParams } from 'react-router';
import { ApiError, films, identity } from '../../api';
import { useAuth } from '../../auth/auth';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { useCursorList, useResource } from '../../lib/hooks';
import { PagedFilms } from './ListsTab';

/** `/users/:id`: a user's public page with their favourites (private pages: the user and admins). */
export function PublicProfilePage() {
  const { id = '' } = useParams();
  const { t, date } = useI18n();
  const { user } = useAuth();
  const profile = useResource(() => films.profile(id), [id, user?.id]);
  // The avatar lives with identity; a private or unknown identity profile simply has none here.
  const account = useResource(() => identity.publicProfile(id).catch(() => null), [id, user?.id]);
  const favourites = useCursorList((cursor) => films.profileFavourites(id, cursor), [id, user?.id]);

  if (profile.error) {
    const status = profile.error instanceof ApiError ? profile.error.status : 0;
    if (status === 403 || status === 404 || status === 400)
      return (
        <EmptyState
          action={
            <Link to="/" className="btn">
              {t('error.toHome')}
            </Link>
          }
        >
          {status === 403 ? t('user.private') : t('user.notFound')}
        </EmptyState>
      );
    return <ErrorState error={profile.error} onRetry={profile.reload} />;
  }
  const data = profile.data;
  if (!data) return <Loading />;
  const avatar = account.data?.avatarUrl;

  return (
    <div className="profile">
      <header className="profile__head">
        <span className="avatar avatar--large" aria-hidden="true">
          {avatar ? <img src={avatar} alt="" /> : data.displayName.slice(0, 1).toUpperCase()}
        </span>
        <div>
          <h1>{data.displayName}</h1>
          <p className="muted">
            {t('user.favouritesCount', { count: data.favouritesCount })} ·{' '}
            {t('user.ratingsCount', { count: data.ratingsCount })}
            {account.data ? ` · ${t('profile.memberSince', { date: date(account.data.createdAt) })}` : ''}
          </p>
          {!data.isPublic && <p className="badge badge--muted">{t('user.privateBadge')}</p>}
        </div>
      </header>
      <section aria-labelledby="fav-title">
        <h2 id="fav-title" className="section-title">
          {t('user.favourites')}
        </h2>
        <PagedFilms
          list={{ ...favourites, items: favourites.items.map((i) => ({ film: i.film })) }}
          empty={t('user.noFavourites')}
          label={t('user.favourites')}
        />
      </section>
    </div>
  );
}
