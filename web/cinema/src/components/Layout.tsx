import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth';
import { useI18n, type Lang } from '../i18n/i18n';
import { LogoIcon, PlusIcon, UserIcon } from './Icons';
import { Notice } from './States';

function LanguageToggle() {
  const { lang, setLang, t } = useI18n();
  const options: { value: Lang; label: string; name: string }[] = [
    { value: 'ru', label: 'RU', name: 'Русский' },
    { value: 'en', label: 'EN', name: 'English' },
  ];
  return (
    <div className="segmented" role="group" aria-label={t('nav.language')}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          lang={o.value}
          aria-pressed={lang === o.value}
          aria-label={o.name}
          onClick={() => setLang(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

function VerifyBanner() {
  const { user } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (!user) return null;
  if (user.status === 'banned')
    return (
      <div className="banner banner--danger" role="status">
        <div className="container">{t('banner.banned')}</div>
      </div>
    );
  if (user.status !== 'not_verified' || location.pathname === '/verify') return null;
  return (
    <div className="banner" role="status">
      <div className="container banner__inner">
        <span>{t('banner.notVerified')}</span>
        <Link to="/verify" className="btn btn--small btn--primary">
          {t('banner.verify')}
        </Link>
      </div>
    </div>
  );
}

/** A one-off message handed over by navigation (`state.notice`), e.g. "Your email is verified". */
function FlashNotice() {
  const location = useLocation();
  const notice = (location.state as { notice?: unknown } | null)?.notice;
  if (
    typeof notice !== 'string' ||
    ['/login'].includes(location.pathname) ||
    location.pathname.startsWith('/admin')
  )
    return null;
  return <Notice kind="success">{notice}</Notice>;
}

export function Layout() {
  const { t } = useI18n();
  const { user, isAdmin, ready, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  const onAuthPage = ['/login', '/register'].includes(location.pathname);

  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <header className="header">
        <div className="container header__inner">
          <Link to="/" className="logo" aria-label={t('app.name')}>
            <LogoIcon size={26} />
            <span>
              Switchyard <strong>{t('app.short')}</strong>
            </span>
          </Link>
          <nav className="nav" aria-label={t('nav.main')}>
            <NavLink to="/" end>
              {t('nav.films')}
            </NavLink>
            {isAdmin && (
              <NavLink to="/admin/films/new" className="nav__admin">
                <PlusIcon size={16} />
                {t('nav.addFilm')}
              </NavLink>
            )}
          </nav>
          <div className="header__actions">
            <LanguageToggle />
            {ready && user && (
              <>
                <NavLink to="/profile" className="user-chip" title={user.email}>
                  <UserIcon size={18} />
                  <span className="user-chip__name">{user.firstName || t('nav.profile')}</span>
                </NavLink>
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() => {
                    // Leave first: a page that needs a user would otherwise send us to sign in.
                    navigate('/');
                    void logout();
                  }}
                >
                  {t('nav.signOut')}
                </button>
              </>
            )}
            {ready && !user && !onAuthPage && (
              <>
                <Link to={`/login?next=${next}`} className="btn btn--ghost btn--small">
                  {t('nav.signIn')}
                </Link>
                <Link to="/register" className="btn btn--primary btn--small">
                  {t('nav.register')}
                </Link>
              </>
            )}
          </div>
        </div>
      </header>
      <VerifyBanner />
      <main id="main" className="container main" tabIndex={-1}>
        <FlashNotice />
        <Outlet />
      </main>
      <footer className="footer">
        <div className="container">{t('app.name')}</div>
      </footer>
    </>
  );
}
