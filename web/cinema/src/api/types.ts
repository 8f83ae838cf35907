import type { z } from 'zod';
import type {
  CommentsPage as CommentsPageSchema,
  CommentThread as CommentThreadSchema,
  FavouritesPage as FavouritesPageSchema,
  FilmComment as FilmCommentSchema,
  FilmPage as FilmPageSchema,
  FilmsProfile as FilmsProfileSchema,
  FilterValues as FilterValuesSchema,
  RepliesPage as RepliesPageSchema,
  SearchPage as SearchPageSchema,
  SmartSearchResult as SmartSearchResultSchema,
  WatchlistPage as WatchlistPageSchema,
  WatchState as WatchStateSchema,
} from '@switchyard/contracts';

// Films shapes come from the shared contracts (types only: nothing of zod reaches the bundle).
export type { FilmDetails, FilmGenre, FilmListItem, WatchStatus } from '@switchyard/contracts';
export type FilmPage = z.infer<typeof FilmPageSchema>;
export type FilterValues = z.infer<typeof FilterValuesSchema>;
export type SearchPage = z.infer<typeof SearchPageSchema>;
export type SmartSearchResult = z.infer<typeof SmartSearchResultSchema>;
export type FilmComment = z.infer<typeof FilmCommentSchema>;
export type CommentThread = z.infer<typeof CommentThreadSchema>;
export type CommentsPage = z.infer<typeof CommentsPageSchema>;
export type RepliesPage = z.infer<typeof RepliesPageSchema>;
export type FavouritesPage = z.infer<typeof FavouritesPageSchema>;
export type WatchlistPage = z.infer<typeof WatchlistPageSchema>;
export type WatchState = z.infer<typeof WatchStateSchema>;
export type FilmsProfile = z.infer<typeof FilmsProfileSchema>;

export interface RatingView {
  filmId: number;
  average: number | null;
  count: number;
  mine: number | null;
}

export interface MyFilmsProfile {
  userId: string;
  displayName: string;
  isPublic: boolean;
  nameSet: boolean;
}

// Identity shapes (services/identity/src/routes/schemas.ts).
export type AccountStatus = 'not_verified' | 'active' | 'banned';

export interface OwnProfile {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: string[];
  status: AccountStatus;
  locale: 'ru' | 'en';
  isPublic: boolean;
  avatarUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PublicProfile {
  id: string;
  firstName: string;
  lastName: string;
  avatarUrl: string | null;
  createdAt: string;
}

export interface AccessGrant {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: OwnProfile;
}

export interface SessionTokens extends AccessGrant {
  refreshToken: string;
  refreshExpiresAt: string;
}

export interface CodeSent {
  expiresInSeconds: number;
  sentTo: string;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  current: boolean;
}

/** The fields an admin edits; null clears a nullable field. */
export interface FilmInput {
  slug?: string;
  title?: string;
  originalTitle?: string;
  titleRu?: string | null;
  tagline?: string | null;
  overview?: string;
  overviewRu?: string | null;
  releaseDate?: string | null;
  runtime?: number | null;
  genres?: string[];
  countries?: string[];
  languages?: string[];
  companies?: string[];
  budget?: number | null;
  adult?: boolean;
  popularity?: number;
  imdbId?: string | null;
  trailerYoutubeId?: string | null;
}
