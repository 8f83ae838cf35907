import { z } from '@switchyard/kit';
import {
  CommentsPage,
  FavouritesPage,
  FilmComment,
  FilmDetails,
  FilmPage,
  FilmsProfile,
  FilterValues,
  RepliesPage,
  SearchPage,
  SmartSearchResult,
  WatchlistPage,
  WatchState,
} from '@switchyard/contracts';

/**
 * The shared response shapes, named for the OpenAPI document. `meta` rather than `openapi`:
 * contracts may be loaded before zod is extended with `openapi`.
 */
export const schemas = {
  FilmPage: FilmPage.meta({ id: 'FilmPage' }),
  FilmDetails: FilmDetails.meta({ id: 'FilmDetails' }),
  FilterValues: FilterValues.meta({ id: 'FilterValues' }),
  SearchPage: SearchPage.meta({ id: 'SearchPage' }),
  SmartSearchResult: SmartSearchResult.meta({ id: 'SmartSearchResult' }),
  WatchState: WatchState.meta({ id: 'WatchState' }),
  FilmComment: FilmComment.meta({ id: 'FilmComment' }),
  CommentsPage: CommentsPage.meta({ id: 'CommentsPage' }),
  RepliesPage: RepliesPage.meta({ id: 'RepliesPage' }),
  FavouritesPage: FavouritesPage.meta({ id: 'FavouritesPage' }),
  WatchlistPage: WatchlistPage.meta({ id: 'WatchlistPage' }),
  FilmsProfile: FilmsProfile.meta({ id: 'FilmsProfile' }),
};

export const FilmIdParam = z.object({
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ example: 1 }),
});

export const CommentParams = FilmIdParam.extend({
  commentId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const cursorParam = z.string().min(1).max(600).optional().openapi({
  description: 'nextCursor of the previous page',
});

export const limitParam = (fallback: number, max = 100) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

export const adultParam = z.enum(['exclude', 'include', 'only']).default('exclude').openapi({
  description: 'Adult films are hidden unless asked for',
});

export const security = [{ bearer: [] }];
