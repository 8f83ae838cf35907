import { useEffect, useState } from 'react';
import type { FilterValues } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { genreName } from '../../lib/film';
import { FilterIcon } from '../../components/Icons';

export const FILTER_KEYS = [
  'genre',
  'country',
  'yearFrom',
  'yearTo',
  'minRating',
  'sort',
  'order',
  'adult',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterState = Partial<Record<FilterKey, string>>;

const SORTS = ['popularity', 'rating', 'year', 'title'] as const;
const MIN_RATINGS = ['1', '2', '3', '3.5', '4', '4.5'];

export const defaultOrder = (sort: string | undefined) => (sort === 'title' ? 'asc' : 'desc');

interface Props {
  values: FilterValues | undefined;
  state: FilterState;
  onChange(changes: FilterState): void;
  onReset(): void;
}

/** A year box that commits after typing stops (or on blur), so the URL is not rewritten per key. */
function YearInput({
  label,
  value,
  min,
  max,
  placeholder,
  onCommit,
}: {
  label: string;
  value: string | undefined;
  min?: number | null;
  max?: number | null;
  placeholder?: number | null;
  onCommit(value: string): void;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if (text === (value ?? '')) return;
    if (text !== '' && !/^\d{4}$/.test(text)) return;
    const timer = setTimeout(() => onCommit(text), 600);
    return () => clearTimeout(timer);
  }, [text, value, onCommit]);
  return (
    <label className="filter">
      <span>{label}</span>
      <input
        type="number"
        inputMode="numeric"
        min={min ?? 1870}
        max={max ?? 2100}
        placeholder={placeholder ? String(placeholder) : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text !== (value ?? '') && (text === '' || /^\d{4}$/.test(text)) && onCommit(text)}
      />
    </label>
  );
}

export function Filters({ values, state, onChange, onReset }: Props) {
  const { t, lang } = useI18n();
  const active = FILTER_KEYS.some((k) => state[k]);
  const genres = values?.genres ?? [];
  const countries = [...(values?.countries ?? [])].sort((a, b) =>
    (lang === 'ru' ? a.nameRu : a.name).localeCompare(lang === 'ru' ? b.nameRu : b.name, lang),
  );
  const sort = state.sort ?? 'popularity';
  return (
    <section className="filters" aria-labelledby="filters-title">
      <h2 id="filters-title" className="filters__title">
        <FilterIcon size={18} />
        {t('filters.title')}
      </h2>
      <div className="filters__row">
        <label className="filter">
          <span>{t('filters.genre')}</span>
          <select value={state.genre ?? ''} onChange={(e) => onChange({ genre: e.target.value })}>
            <option value="">{t('filters.any')}</option>
            {genres.map((g) => (
              <option key={g.name} value={g.name}>
                {genreName(t, g.name)} ({g.count})
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('filters.country')}</span>
          <select value={state.country ?? ''} onChange={(e) => onChange({ country: e.target.value })}>
            <option value="">{t('filters.any')}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {lang === 'ru' ? c.nameRu : c.name} ({c.count})
              </option>
            ))}
          </select>
        </label>
        <YearInput
          label={t('filters.yearFrom')}
          value={state.yearFrom}
          min={values?.years.min}
          max={values?.years.max}
          placeholder={values?.years.min}
          onCommit={(v) => onChange({ yearFrom: v })}
        />
        <YearInput
          label={t('filters.yearTo')}
          value={state.yearTo}
          min={values?.years.min}
          max={values?.years.max}
          placeholder={values?.years.max}
          onCommit={(v) => onChange({ yearTo: v })}
        />
        <label className="filter">
          <span>{t('filters.minRating')}</span>
          <select value={state.minRating ?? ''} onChange={(e) => onChange({ minRating: e.target.value })}>
            <option value="">{t('filters.any')}</option>
            {MIN_RATINGS.map((r) => (
              <option key={r} value={r}>
                ★ {Number(r).toLocaleString(lang)}+
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('filters.sort')}</span>
          <select
            value={sort}
            onChange={(e) =>
              onChange({ sort: e.target.value === 'popularity' ? '' : e.target.value, order: '' })
            }
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>{t('filters.order')}</span>
          <select
            value={state.order ?? defaultOrder(sort)}
            onChange={(e) => onChange({ order: e.target.value === defaultOrder(sort) ? '' : e.target.value })}
          >
            <option value="desc">{t('filters.desc')}</option>
            <option value="asc">{t('filters.asc')}</option>
          </select>
        </label>
      </div>
      <div className="filters__row filters__row--end">
        <label className="check">
          <input
            type="checkbox"
            checked={state.adult === 'include'}
            onChange={(e) => onChange({ adult: e.target.checked ? 'include' : '' })}
          />
          <span>{t('filters.adult')}</span>
        </label>
        {active && (
          <button type="button" className="btn btn--ghost btn--small" onClick={onReset}>
            {t('home.resetFilters')}
          </button>
        )}
      </div>
    </section>
  );
}
