import { ApiClient, browserTokens } from './client';
import { filmsApi, identityApi } from './endpoints';

/** The one client of the app: same-origin `/api`, token in sessionStorage, refreshes serialised across tabs. */
export const client = new ApiClient({
  baseUrl: '/api',
  tokens: browserTokens(),
  locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null,
});

export const identity = identityApi(client);
export const films = filmsApi(client);

export { ApiError } from './problem';
export type * from './types';
