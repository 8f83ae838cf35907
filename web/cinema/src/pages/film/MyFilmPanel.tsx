import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { films } from '../../api';
import type { FilmDetails, WatchStatus } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { HeartIcon, StarIcon } from '../../components/Icons';
import { Notice } from '../../components/States';
import { StarRating } from '../../components/StarRating';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';
import { formatAverage, WATCH_STATUSES } from '../../lib/film';

interface Props {
  film: FilmDetails;
  onChange(changes: Partial<FilmDetails>): void;
}

const emptyMe: NonNullable<FilmDetails['me']> = {
  rating: null,
  favourite: false,
  favouritedAt: null,
  watch: null,
};

/** The average rating, and for a verified user their rating, favourite flag and watch status. */
export function MyFilmPanel({ film, onChange }: Props) {
  const { t, lang } = useI18n();
  const { user, isVerified } = useAuth();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const me = film.me ?? emptyMe;
  const avg = film.rating.average;

  const run = async (action: () => Promise<Partial<FilmDetails>>) => {
    setBusy(true);
    setError(null);
    try {
      onChange(await action());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const rate = (value: number) =>
    run(async () => {
      const r = await films.rate(film.id, value);
      return { rating: { average: r.average, count: r.count }, me: { ...me, rating: r.mine } };
    });
  const unrate = () =>
    run(async () => {
      const r = await films.unrate(film.id);
      return { rating: { average: r.average, count: r.count }, me: { ...me, rating: null } };
    });
  const toggleFavourite = () =>
    run(async () => {
      if (me.favourite) {
        await films.unfavourite(film.id);
        return { me: { ...me, favourite: false, favouritedAt: null } };
      }
      const r = await films.favourite(film.id);
      return { me: { ...me, favourite: true, favouritedAt: r.addedAt } };
    });
  const setStatus = (status: WatchStatus | '') =>
    run(async () => {
      if (!status) {
        await films.clearWatchStatus(film.id);
        return { me: { ...me, watch: null } };
      }
      return { me: { ...me, watch: await films.setWatchStatus(film.id, status) } };
    });

  return (
    <div className="my-film">
      <div className="score" aria-label={t('film.rating')}>
        <StarIcon size={28} className="score__star" />
        {avg !== null ? (
          <>
            <span className="score__value" data-testid="average-rating">
              {formatAverage(avg, lang)}
            </span>
            <span className="score__of">/ 5</span>
            <span className="score__count">{t('film.ratings', { count: film.rating.count })}</span>
          </>
        ) : (
          <span className="score__count">{t('film.noRatings')}</span>
        )}
      </div>

      {!user && (
        <p className="muted">
          <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('film.signInToRate')}</Link>
        </p>
      )}
      {user && !isVerified && (
        <p className="muted">
          <Link to="/verify">{t('film.verifyToRate')}</Link>
        </p>
      )}
      {user && isVerified && (
        <div className="my-film__controls">
          <div className="my-film__rating">
            <span className="my-film__label" id="my-rating-label">
              {me.rating !== null ? t('film.yourRating') : t('film.rate')}
            </span>
            <StarRating
              value={me.rating}
              onChange={(v) => void rate(v)}
              disabled={busy}
              label={t('film.rate')}
            />
            {me.rating !== null && (
              <button type="button" className="link-button" onClick={() => void unrate()} disabled={busy}>
                {t('film.removeRating')}
              </button>
            )}
          </div>
          <div className="my-film__row">
            <button
              type="button"
              className={`btn btn--toggle${me.favourite ? ' is-on' : ''}`}
              aria-pressed={me.favourite}
              onClick={() => void toggleFavourite()}
              disabled={busy}
            >
              <HeartIcon size={18} filled={me.favourite} />
              {me.favourite ? t('film.unfavourite') : t('film.favourite')}
            </button>
            <label className="inline-select">
              <span className="visually-hidden">{t('film.watchStatus')}</span>
              <select
                value={me.watch?.status ?? ''}
                onChange={(e) => void setStatus(e.target.value as WatchStatus | '')}
                disabled={busy}
                aria-label={t('film.watchStatus')}
              >
                <option value="">{t('film.noStatus')}</option>
                {WATCH_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`watch.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
      )}
      {error ? <Notice kind="error">{errorMessage(t, error)}</Notice> : null}
    </div>
  );
}
