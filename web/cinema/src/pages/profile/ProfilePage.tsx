import { NavLink, Outlet } from 'react-router';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';

/** The signed-in user's pages: account, favourites, watch lists, security. */
export function ProfilePage() {
  const { t, date } = useI18n();
  const { user } = useAuth();
  if (!user) return null;
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return (
    <div className="profile">
      <header className="profile__head">
        <span className="avatar avatar--large" aria-hidden="true">
          {user.avatarUrl ? (
            <img src={user.avatarUrl} alt="" />
          ) : (
            (user.firstName || user.email).slice(0, 1).toUpperCase()
          )}
        </span>
        <div>
          <h1>{name || t('profile.title')}</h1>
          <p className="muted">
            {user.email} · {t('profile.memberSince', { date: date(user.createdAt) })}
          </p>
        </div>
      </header>
      <nav className="tabs" aria-label={t('profile.title')}>
        <NavLink to="/profile" end>
          {t('profile.tabAccount')}
        </NavLink>
        <NavLink to="/profile/favourites">{t('profile.tabFavourites')}</NavLink>
        <NavLink to="/profile/lists">{t('profile.tabLists')}</NavLink>
        <NavLink to="/profile/security">{t('profile.tabSecurity')}</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
