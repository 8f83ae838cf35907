import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { films } from '../../api';
import type { FilmListItem, FilterValues, SmartSearchResult } from '../../api/types';
import type { ListQuery } from '../../api/endpoints';
import { FilmGrid } from '../../components/FilmCard';
import { SearchIcon, SparkIcon } from '../../components/Icons';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import type { MessageKey } from '../../i18n/en';
import { useI18n, type Translate } from '../../i18n/i18n';
import { useCursorList, useInView, useResource } from '../../lib/hooks';
import { FILTER_KEYS, Filters, type FilterState } from './Filters';

let filterValuesCache: Promise<FilterValues> | null = null;
/** Genres and countries change rarely: read them once per page load. */
const loadFilterValues = () =>
  (filterValuesCache ??= films.filters().catch((err: unknown) => {
    filterValuesCache = null;
    throw err;
  }));

const REASONS = ['not_configured', 'not_indexed', 'unavailable'];
const fallbackReason = (t: Translate, reason: string) =>
  REASONS.includes(reason) ? t(`home.reason.${reason}` as MessageKey) : reason.replace(/_/g, ' ');

function SearchForm({
  q,
  smart,
  onSearch,
}: {
  q: string;
  smart: boolean;
  onSearch(q: string, smart: boolean): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(q);
  const [useSmart, setUseSmart] = useState(smart);
  useEffect(() => setText(q), [q]);
  useEffect(() => setUseSmart(smart), [smart]);
  return (
    <form
      className="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(text.trim(), useSmart);
      }}
    >
      <div className="search__box">
        <SearchIcon size={20} className="search__icon" />
        <label htmlFor="search-input" className="visually-hidden">
          {t('home.searchLabel')}
        </label>
        <input
          id="search-input"
          type="search"
          value={text}
          maxLength={300}
          placeholder={t('home.searchPlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
        {q && (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => {
              setText('');
              onSearch('', useSmart);
            }}
          >
            {t('home.clearSearch')}
          </button>
        )}
        <button type="submit" className="btn btn--primary">
          {t('home.search')}
        </button>
      </div>
      <label className="switch" title={t('home.smartHint')}>
        <input
          type="checkbox"
          role="switch"
          checked={useSmart}
          onChange={(e) => {
            setUseSmart(e.target.checked);
            // With results on screen, switching the mode asks again at once.
            if (q) onSearch(q, e.target.checked);
          }}
          aria-describedby="smart-hint"
        />
        <span className="switch__track" aria-hidden="true" />
        <SparkIcon size={16} />
        <span>{t('home.smart')}</span>
      </label>
      <p id="smart-hint" className="visually-hidden">
        {t('home.smartHint')}
      </p>
    </form>
  );
}

function LoadMore({
  list,
  label,
}: {
  list: { hasMore: boolean; loading: boolean; loadMore(): void };
  label: string;
}) {
  const { t } = useI18n();
  const sentinel = useInView(list.loadMore, list.hasMore && !list.loading, label);
  if (!list.hasMore) return null;
  return (
    <div className="load-more" ref={sentinel}>
      <button type="button" className="btn" onClick={list.loadMore} disabled={list.loading}>
        {list.loading ? t('common.loading') : t('common.loadMore')}
      </button>
    </div>
  );
}

function Catalogue({ state, onReset }: { state: FilterState; onReset(): void }) {
  const { t } = useI18n();
  const [total, setTotal] = useState<number | null>(null);
  const key = JSON.stringify(state);
  const list = useCursorList<FilmListItem>(
    async (cursor) => {
      const query: ListQuery = {
        genre: state.genre || undefined,
        country: state.country || undefined,
        yearFrom: state.yearFrom ? Number(state.yearFrom) : undefined,
        yearTo: state.yearTo ? Number(state.yearTo) : undefined,
        minRating: state.minRating ? Number(state.minRating) : undefined,
        sort: (state.sort || undefined) as ListQuery['sort'],
        order: (state.order || undefined) as ListQuery['order'],
        adult: state.adult === 'include' ? 'include' : undefined,
        limit: 24,
        cursor,
      };
      const page = await films.list(query);
      setTotal(page.total);
      return page;
    },
    [key],
  );

  if (list.error && !list.items.length) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.loading && !list.items.length)
    return (
      <EmptyState
        action={
          <button type="button" className="btn" onClick={onReset}>
            {t('home.resetFilters')}
          </button>
        }
      >
        {t('home.noFilms')}
      </EmptyState>
    );
  return (
    <section aria-labelledby="catalogue-title" aria-busy={list.loading}>
      <h2 id="catalogue-title" className="section-title">
        {total !== null ? t('home.total', { count: total }) : t('home.title')}
      </h2>
      {list.items.length > 0 && (
        <FilmGrid films={list.items.map((film) => ({ film }))} label={t('home.title')} />
      )}
      {list.loading && <Loading />}
      {list.error ? <ErrorState error={list.error} onRetry={list.loadMore} /> : null}
      <LoadMore list={list} label={`${key}:${list.items.length}`} />
      {!list.hasMore && !list.loading && list.items.length > 0 && (
        <p className="muted center">{t('home.endOfList')}</p>
      )}
    </section>
  );
}

function SearchResults({ q, smart }: { q: string; smart: boolean }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Pick<SmartSearchResult, 'mode' | 'fallbackReason'> | null>(null);
  const list = useCursorList<FilmListItem>(
    async (cursor) => {
      if (smart) {
        const result = await films.smartSearch(q);
        setMode({ mode: result.mode, fallbackReason: result.fallbackReason });
        return { items: result.items.map((h) => h.film), nextCursor: null };
      }
      const page = await films.search(q, cursor ? Number(cursor) : 0);
      setMode({ mode: 'fulltext', fallbackReason: null });
      return {
        items: page.items.map((h) => h.film),
        nextCursor: page.nextOffset === null ? null : String(page.nextOffset),
      };
    },
    [q, smart],
  );

  return (
    <section aria-labelledby="results-title" aria-busy={list.loading}>
      <div className="results-head">
        <h2 id="results-title" className="section-title">
          {t('home.resultsFor', { q })}
        </h2>
        {mode && !list.loading && (
          <p className={`mode-chip mode-chip--${mode.mode}`} data-testid="search-mode">
            {mode.mode === 'semantic' ? <SparkIcon size={14} /> : <SearchIcon size={14} />}
            {mode.mode === 'semantic' ? t('home.modeSemantic') : t('home.modeFulltext')}
            {smart && mode.mode === 'fulltext' && mode.fallbackReason && (
              <span className="muted">
                {' '}
                · {t('home.modeFallback', { reason: fallbackReason(t, mode.fallbackReason) })}
              </span>
            )}
          </p>
        )}
      </div>
      {list.error && !list.items.length ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.loading && !list.items.length ? (
        <EmptyState>{t('home.noResults', { q })}</EmptyState>
      ) : (
        <FilmGrid films={list.items.map((film) => ({ film }))} label={t('home.resultsFor', { q })} />
      )}
      {list.loading && <Loading />}
      <LoadMore list={list} label={`${q}:${list.items.length}`} />
    </section>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const smart = params.get('smart') === '1';
  const values = useResource(() => loadFilterValues(), []);
  const state: FilterState = Object.fromEntries(
    FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v),
  );

  const update = useCallback(
    (changes: Record<string, string | undefined>) => {
      // From the address bar, not the hook's copy: two quick changes must both land.
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      setParams(next, { replace: true });
    },
    [setParams],
  );
  const reset = useCallback(() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, '']))), [update]);

  return (
    <div className="home">
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <SearchForm
          q={q}
          smart={smart}
          onSearch={(text, useSmart) => update({ q: text, smart: useSmart ? '1' : '' })}
        />
      </section>
      {q ? (
        <SearchResults q={q} smart={smart} />
      ) : (
        <>
          <Filters values={values.data} state={state} onChange={update} onReset={reset} />
          <Catalogue state={state} onReset={reset} />
        </>
      )}
    </div>
  );
}
