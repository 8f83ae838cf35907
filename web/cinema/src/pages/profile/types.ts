import type { FilmListItem } from '../../api/types';

/** A film in a profile grid, with a short note (when it was added or last changed). */
export interface FavouriteItemLike {
  film: FilmListItem;
  note?: string;
}
