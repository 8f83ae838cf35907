import { Link } from 'react-router';
import type { FilmListItem } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { formatAverage, genreName, titlesOf } from '../lib/film';
import { StarIcon } from './Icons';

export function FilmCard({ film, note }: { film: FilmListItem; note?: string }) {
  const { lang, t } = useI18n();
  const { main } = titlesOf(film, lang);
  const avg = film.rating.average;
  return (
    <li className="card">
      <Link to={`/films/${film.slug}`} className="card__link">
        <div className="card__poster">
          <img src={film.posterUrl} alt="" loading="lazy" decoding="async" width={400} height={600} />
          {avg !== null && (
            <span
              className="badge badge--rating"
              title={t('film.ratingOf', { value: formatAverage(avg, lang) })}
            >
              <StarIcon size={13} />
              <span>{formatAverage(avg, lang)}</span>
            </span>
          )}
          {film.adult && <span className="badge badge--adult">18+</span>}
        </div>
        <div className="card__body">
          <h3 className="card__title">{main}</h3>
          <p className="card__meta">
            {[film.year, ...film.genres.slice(0, 2).map((g) => genreName(t, g))].filter(Boolean).join(' · ')}
          </p>
          {note && <p className="card__note">{note}</p>}
        </div>
      </Link>
    </li>
  );
}

export function FilmGrid({
  films,
  label,
}: {
  films: { film: FilmListItem; note?: string }[];
  label?: string;
}) {
  return (
    <ul className="grid" aria-label={label}>
      {films.map(({ film, note }) => (
        <FilmCard key={film.id} film={film} note={note} />
      ))}
    </ul>
  );
}
