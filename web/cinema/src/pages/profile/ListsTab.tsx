import { NavLink, useParams } from 'react-router';
import { films } from '../../api';
import type { FavouriteItemLike } from './types';
import type { WatchStatus } from '../../api/types';
import { FilmGrid } from '../../components/FilmCard';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { WATCH_STATUSES } from '../../lib/film';
import { useCursorList, type CursorList } from '../../lib/hooks';

type PagedList = Pick<
  CursorList<FavouriteItemLike>,
  'items' | 'error' | 'loading' | 'hasMore' | 'loadMore' | 'reload'
>;

export function PagedFilms({ list, empty, label }: { list: PagedList; empty: string; label: string }) {
  const { t } = useI18n();
  if (list.error && !list.items.length) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.loading && !list.items.length) return <EmptyState>{empty}</EmptyState>;
  return (
    <>
      <FilmGrid films={list.items} label={label} />
      {list.loading && <Loading />}
      {list.hasMore && !list.loading && (
        <div className="load-more">
          <button type="button" className="btn" onClick={list.loadMore}>
            {t('common.loadMore')}
          </button>
        </div>
      )}
    </>
  );
}

export function FavouritesTab() {
  const { t, date } = useI18n();
  const list = useCursorList<FavouriteItemLike>(async (cursor) => {
    const page = await films.myFavourites(cursor);
    return {
      items: page.items.map((i) => ({ film: i.film, note: date(i.addedAt) })),
      nextCursor: page.nextCursor,
    };
  }, []);
  return (
    <section aria-label={t('profile.tabFavourites')}>
      <PagedFilms list={list} empty={t('profile.noFavourites')} label={t('profile.tabFavourites')} />
    </section>
  );
}

export function WatchListsTab() {
  const { t, date } = useI18n();
  const { status: param } = useParams();
  const status: WatchStatus = (WATCH_STATUSES as readonly string[]).includes(param ?? '')
    ? (param as WatchStatus)
    : 'watching';
  const list = useCursorList<FavouriteItemLike>(
    async (cursor) => {
      const page = await films.myWatchlist(status, cursor);
      return {
        items: page.items.map((i) => ({ film: i.film, note: date(i.updatedAt) })),
        nextCursor: page.nextCursor,
      };
    },
    [status],
  );
  return (
    <section aria-label={t('profile.tabLists')}>
      <nav className="chips" aria-label={t('film.watchStatus')}>
        {WATCH_STATUSES.map((s) => (
          <NavLink
            key={s}
            to={`/profile/lists/${s}`}
            className={() => (s === status ? 'chip active' : 'chip')}
          >
            {t(`watch.${s}`)}
          </NavLink>
        ))}
      </nav>
      <PagedFilms list={list} empty={t('profile.noList')} label={t(`watch.${status}`)} />
    </section>
  );
}
