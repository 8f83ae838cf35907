import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, films } from '../../api';
import type { FilmDetails } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { EditIcon, TrashIcon } from '../../components/Icons';
import { EmptyState, ErrorState, Loading, Notice } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';
import { formatRuntime, genreName, titlesOf } from '../../lib/film';
import { useResource } from '../../lib/hooks';
import { Comments } from './Comments';
import { MyFilmPanel } from './MyFilmPanel';

function Facts({ film }: { film: FilmDetails }) {
  const { t, date, money, country, language } = useI18n();
  const rows: [string, ReactNode][] = [
    [t('film.year'), film.year ?? t('common.none')],
    [t('film.released'), film.releaseDate ? date(film.releaseDate) : t('common.none')],
    [t('film.countries'), film.countries.map(country).join(', ') || t('common.none')],
    [t('film.genres'), film.genres.map((g) => genreName(t, g)).join(', ') || t('common.none')],
    [t('film.languages'), film.languages.map(language).join(', ') || t('common.none')],
    [t('film.companies'), film.companies.join(', ') || t('common.none')],
    [t('film.runtime'), film.runtime ? formatRuntime(t, film.runtime) : t('common.none')],
    [t('film.budget'), film.budget ? money(film.budget) : t('common.none')],
    [
      t('film.age'),
      <span className={`age age--${film.adult ? 'adult' : 'all'}`}>
        {film.adult ? t('film.adult') : t('film.allAges')}
      </span>,
    ],
  ];
  return (
    <section aria-labelledby="facts-title" className="panel">
      <h2 id="facts-title">{t('film.facts')}</h2>
      <table className="facts">
        <tbody>
          {rows.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
          {film.imdbUrl && (
            <tr>
              <th scope="row">{t('film.imdb')}</th>
              <td>
                <a href={film.imdbUrl} target="_blank" rel="noopener noreferrer">
                  {film.imdbId}
                </a>
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

function AdminActions({ film }: { film: FilmDetails }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    if (!window.confirm(t('admin.confirmDelete', { title: film.title }))) return;
    setBusy(true);
    try {
      await films.remove(film.id);
      navigate('/', { replace: true, state: { notice: t('film.deleted') } });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <div className="admin-actions">
      <Link to={`/admin/films/${film.id}/edit`} className="btn btn--small">
        <EditIcon size={16} />
        {t('film.editFilm')}
      </Link>
      <button
        type="button"
        className="btn btn--small btn--danger"
        onClick={() => void remove()}
        disabled={busy}
      >
        <TrashIcon size={16} />
        {t('film.deleteFilm')}
      </button>
      {error ? <Notice kind="error">{errorMessage(t, error)}</Notice> : null}
    </div>
  );
}

export function FilmPage() {
  const { ref = '' } = useParams();
  const { t, lang } = useI18n();
  const { user, isAdmin } = useAuth();
  // The film is read again when the user changes: `me` (rating, favourite, status) is per user.
  const resource = useResource(() => films.get(ref), [ref, user?.id]);
  const film = resource.data;

  if (resource.error) {
    if (
      resource.error instanceof ApiError &&
      (resource.error.status === 404 || resource.error.status === 400)
    )
      return (
        <EmptyState
          action={
            <Link to="/" className="btn">
              {t('error.toHome')}
            </Link>
          }
        >
          {t('film.notFound')}
        </EmptyState>
      );
    return <ErrorState error={resource.error} onRetry={resource.reload} />;
  }
  if (!film) return <Loading />;

  const { main, others } = titlesOf(film, lang);
  const description = lang === 'ru' ? (film.overviewRu ?? film.overview) : film.overview || film.overviewRu;
  return (
    <article className="film">
      <div className="film__top">
        <div className="film__poster">
          <img src={film.posterUrl} alt={t('film.posterAlt', { title: main })} width={400} height={600} />
        </div>
        <div className="film__head">
          <p className="film__eyebrow">
            {[film.year, ...film.genres.slice(0, 3).map((g) => genreName(t, g))].filter(Boolean).join(' · ')}
          </p>
          <h1 className="film__title">{main}</h1>
          {others.length > 0 && (
            <p className="film__alt-titles">
              {others.map((title) => (
                <span key={title} lang={title === film.titleRu ? 'ru' : undefined}>
                  {title}
                </span>
              ))}
            </p>
          )}
          {film.tagline && <p className="film__tagline">“{film.tagline}”</p>}
          <MyFilmPanel
            film={film}
            onChange={(changes) => resource.setData((f) => (f ? { ...f, ...changes } : f))}
          />
          {isAdmin && <AdminActions film={film} />}
        </div>
      </div>

      <div className="film__body">
        <div className="film__main">
          <section aria-labelledby="about-title" className="panel">
            <h2 id="about-title">{t('film.description')}</h2>
            {description ? (
              <p className="film__overview" lang={description === film.overviewRu ? 'ru' : 'en'}>
                {description}
              </p>
            ) : (
              <p className="muted">{t('film.noDescription')}</p>
            )}
          </section>
          {film.trailer && (
            <section aria-labelledby="trailer-title" className="panel">
              <h2 id="trailer-title">{t('film.trailer')}</h2>
              <div className="trailer">
                <iframe
                  src={film.trailer.embedUrl}
                  title={t('film.trailerTitle', { title: main })}
                  loading="lazy"
                  allow="accelerometer; encrypted-media; gyroscope; picture-in-picture; fullscreen"
                  referrerPolicy="strict-origin-when-cross-origin"
                  allowFullScreen
                />
              </div>
            </section>
          )}
          <Comments filmId={film.id} total={film.commentsCount} />
        </div>
        <aside className="film__side">
          <Facts film={film} />
        </aside>
      </div>
    </article>
  );
}
