import type { ApiClient, Query } from './client';
import type {
  AccessGrant,
  CodeSent,
  CommentsPage,
  FavouritesPage,
  FilmComment,
  FilmDetails,
  FilmInput,
  FilmPage,
  FilmsProfile,
  FilterValues,
  MyFilmsProfile,
  OwnProfile,
  PublicProfile,
  RatingView,
  RepliesPage,
  SearchPage,
  SessionInfo,
  SessionTokens,
  SmartSearchResult,
  WatchlistPage,
  WatchState,
  WatchStatus,
} from './types';

const FILMS = '/cinema/films';
const ID = '/identity';

export interface ListQuery {
  genre?: string;
  country?: string;
  yearFrom?: number;
  yearTo?: number;
  minRating?: number;
  adult?: 'exclude' | 'include' | 'only';
  sort?: 'popularity' | 'rating' | 'year' | 'title';
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

/** Identity: accounts, sessions and codes (`/api/identity`). */
export function identityApi(client: ApiClient) {
  /** Sign-in answers carry a new session; the client adopts it at once. */
  const adopt = <T extends AccessGrant>(grant: T): T => {
    client.setSession(grant);
    return grant;
  };
  return {
    register: (input: {
      email: string;
      password: string;
      firstName: string;
      lastName: string;
      locale: string;
    }) => client.post<SessionTokens>(`${ID}/register`, input, { auth: false }).then(adopt),
    login: (email: string, password: string) =>
      client.post<SessionTokens>(`${ID}/login`, { email, password }, { auth: false }).then(adopt),
    requestCode: () => client.post<CodeSent>(`${ID}/request-code`),
    redeemCode: (code: string) =>
      client.post<AccessGrant>(`${ID}/redeem-code`, { code, purpose: 'verify-email' }).then(adopt),
    /** Ends this session on the server (cookie and token), then forgets it here whatever happened. */
    logout: async () => {
      try {
        await client.post<void>(`${ID}/logout`);
      } catch {
        // the session is forgotten locally all the same
      } finally {
        client.clearSession();
      }
    },
    logoutEverywhere: async () => {
      await client.post<void>(`${ID}/logout-everywhere`);
      client.clearSession();
    },
    sessions: () => client.get<{ items: SessionInfo[] }>(`${ID}/sessions`),
    revokeSession: (id: string) => client.delete<void>(`${ID}/sessions/${encodeURIComponent(id)}`),
    changePassword: (currentPassword: string, newPassword: string) =>
      client.post<void>(`${ID}/password/change`, { currentPassword, newPassword }),
    requestPasswordReset: (email: string) =>
      client.post<void>(`${ID}/password/reset/request`, { email }, { auth: false }),
    confirmPasswordReset: (email: string, code: string, newPassword: string) =>
      client.post<void>(`${ID}/password/reset/confirm`, { email, code, newPassword }, { auth: false }),
    requestEmailChange: (newEmail: string, password: string) =>
      client.post<CodeSent>(`${ID}/email/change/request`, { newEmail, password }),
    confirmEmailChange: (code: string) =>
      client.post<AccessGrant>(`${ID}/email/change/confirm`, { code }).then(adopt),
    me: () => client.get<OwnProfile>(`${ID}/me`),
    updateMe: (
      changes: Partial<Pick<OwnProfile, 'firstName' | 'lastName' | 'locale' | 'isPublic' | 'avatarUrl'>>,
    ) => client.patch<OwnProfile>(`${ID}/me`, changes),
    publicProfile: (id: string) => client.get<PublicProfile>(`${ID}/users/${encodeURIComponent(id)}`),
  };
}

/** Films: catalogue, search, ratings, lists, comments and the admin editor (`/api/cinema/films`). */
export function filmsApi(client: ApiClient) {
  const film = (id: number) => `${FILMS}/${id}`;
  return {
    list: (query: ListQuery, signal?: AbortSignal) =>
      client.get<FilmPage>(`${FILMS}/`, { query: query as Query, signal }),
    filters: () => client.get<FilterValues>(`${FILMS}/filters`),
    search: (q: string, offset = 0, signal?: AbortSignal) =>
      client.get<SearchPage>(`${FILMS}/search`, { query: { q, offset, limit: 24 }, signal }),
    smartSearch: (q: string, signal?: AbortSignal) =>
      client.get<SmartSearchResult>(`${FILMS}/smart-search`, { query: { q, limit: 24 }, signal }),
    get: (ref: string) => client.get<FilmDetails>(`${FILMS}/${encodeURIComponent(ref)}`),

    rate: (id: number, value: number) => client.put<RatingView>(`${film(id)}/rating`, { value }),
    unrate: (id: number) => client.delete<RatingView>(`${film(id)}/rating`),
    favourite: (id: number) => client.put<{ favourite: true; addedAt: string }>(`${film(id)}/favourite`),
    unfavourite: (id: number) => client.delete<void>(`${film(id)}/favourite`),
    setWatchStatus: (id: number, status: WatchStatus) =>
      client.put<WatchState>(`${film(id)}/watch-status`, { status }),
    clearWatchStatus: (id: number) => client.delete<void>(`${film(id)}/watch-status`),

    myFavourites: (cursor?: string) =>
      client.get<FavouritesPage>(`${FILMS}/me/favourites`, { query: { cursor, limit: 24 } }),
    myWatchlist: (status: WatchStatus, cursor?: string) =>
      client.get<WatchlistPage>(`${FILMS}/me/watchlist`, { query: { status, cursor, limit: 24 } }),
    myProfile: () => client.get<MyFilmsProfile>(`${FILMS}/me/profile`),
    updateMyProfile: (changes: { isPublic?: boolean; displayName?: string | null }) =>
      client.put<MyFilmsProfile>(`${FILMS}/me/profile`, changes),
    profile: (userId: string) => client.get<FilmsProfile>(`${FILMS}/users/${encodeURIComponent(userId)}`),
    profileFavourites: (userId: string, cursor?: string) =>
      client.get<FavouritesPage>(`${FILMS}/users/${encodeURIComponent(userId)}/favourites`, {
        query: { cursor, limit: 24 },
      }),

    comments: (id: number, cursor?: string) =>
      client.get<CommentsPage>(`${film(id)}/comments`, { query: { cursor, limit: 10 } }),
    replies: (id: number, commentId: number, cursor?: string) =>
      client.get<RepliesPage>(`${film(id)}/comments/${commentId}/replies`, { query: { cursor, limit: 100 } }),
    postComment: (id: number, text: string, parentId?: number) =>
      client.post<FilmComment>(`${film(id)}/comments`, parentId ? { text, parentId } : { text }),
    editComment: (id: number, commentId: number, text: string) =>
      client.patch<FilmComment>(`${film(id)}/comments/${commentId}`, { text }),
    deleteComment: (id: number, commentId: number) =>
      client.delete<void>(`${film(id)}/comments/${commentId}`),
    moderateComment: (id: number, commentId: number, hidden: boolean) =>
      client.put<FilmComment>(`${film(id)}/comments/${commentId}/moderation`, { hidden }),

    create: (input: FilmInput) => client.post<FilmDetails>(`${FILMS}/`, input),
    update: (id: number, changes: FilmInput) => client.patch<FilmDetails>(film(id), changes),
    remove: (id: number) => client.delete<void>(film(id)),
    uploadPoster: (id: number, file: File) => {
      const form = new FormData();
      form.append('poster', file);
      return client.put<{ posterUrl: string }>(`${film(id)}/poster`, form);
    },
    removePoster: (id: number) => client.delete<void>(`${film(id)}/poster`),
  };
}
