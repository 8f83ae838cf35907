import { ApiError, networkError, toApiError } from './problem';
import type { AccessGrant } from './types';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Where the access token lives between page loads: the tab's sessionStorage, never localStorage. */
export interface TokenStore {
  load(): string | null;
  save(token: string | null): void;
  /** A non-secret "this browser has a session" mark, so a new tab knows to try the refresh cookie. */
  hasSession(): boolean;
  markSession(on: boolean): void;
}

export type Query = Record<string, string | number | boolean | null | undefined | readonly string[]>;

export interface RequestOptions {
  query?: Query;
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  /** Send the access token (default). `false` for sign-in endpoints and the refresh itself. */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface ClientEvents {
  /** A new access token and the user it belongs to (sign-in, refresh, code redeemed). */
  session(grant: AccessGrant): void;
  /** The session is over (refresh refused, logout). */
  signedOut(): void;
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: FetchLike;
  tokens?: TokenStore;
  /** Serialises refreshes across tabs (a rotated refresh token presented twice ends the session). */
  locks?: Pick<LockManager, 'request'> | null;
  now?: () => number;
}

const REFRESH_PATH = '/identity/refresh';
/** Refresh a little before expiry rather than after a 401. */
const EXPIRY_MARGIN_MS = 10_000;

/** The `exp` of a JWT in milliseconds, without verifying it (the server does that). */
export function tokenExpiry(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function memoryTokens(): TokenStore {
  let token: string | null = null;
  let session = false;
  return {
    load: () => token,
    save: (t) => void (token = t),
    hasSession: () => session,
    markSession: (on) => void (session = on),
  };
}

/** sessionStorage for the token (gone with the tab), localStorage for the mark only. */
export function browserTokens(): TokenStore {
  const ACCESS = 'cinema.access';
  const MARK = 'cinema.session';
  const safe = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };
  return {
    load: () => safe(() => sessionStorage.getItem(ACCESS), null),
    save: (t) =>
      safe(() => (t ? sessionStorage.setItem(ACCESS, t) : sessionStorage.removeItem(ACCESS)), undefined),
    hasSession: () => safe(() => localStorage.getItem(MARK) === '1', false),
    markSession: (on) =>
      safe(() => (on ? localStorage.setItem(MARK, '1') : localStorage.removeItem(MARK)), undefined),
  };
}

/**
 * Calls the API through the gateway. Holds the access token; the refresh token is the
 * httpOnly cookie identity sets, so script never sees it. On a 401 to a request that carried
 * a token, one refresh runs for all callers at once (single flight) and each request is sent
 * again once; when the refresh is refused the session ends and public requests go on as a guest.
 */
export class ApiClient {
  private token: string | null;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners: { [K in keyof ClientEvents]: Set<ClientEvents[K]> } = {
    session: new Set(),
    signedOut: new Set(),
  };
  private readonly baseUrl: string;
  private readonly fetchFn: FetchLike;
  private readonly tokens: TokenStore;
  private readonly locks: Pick<LockManager, 'request'> | null;
  private readonly now: () => number;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '/api';
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.tokens = options.tokens ?? memoryTokens();
    this.locks = options.locks ?? null;
    this.now = options.now ?? Date.now;
    this.token = this.tokens.load();
  }

  on<K extends keyof ClientEvents>(event: K, fn: ClientEvents[K]): () => void {
    const set = this.listeners[event] as Set<ClientEvents[K]>;
    set.add(fn);
    return () => void set.delete(fn);
  }

  private emit<K extends keyof ClientEvents>(event: K, ...args: Parameters<ClientEvents[K]>): void {
    for (const fn of this.listeners[event]) (fn as (...a: Parameters<ClientEvents[K]>) => void)(...args);
  }

  get accessToken(): string | null {
    return this.token;
  }

  /** Whether this browser may hold a refresh cookie worth trying. */
  get mayHaveSession(): boolean {
    return this.token !== null || this.tokens.hasSession();
  }

  /** Adopt a grant from sign-in, registration, code redemption or refresh. */
  setSession(grant: AccessGrant): void {
    this.token = grant.accessToken;
    this.tokens.save(grant.accessToken);
    this.tokens.markSession(true);
    this.emit('session', grant);
  }

  /** Forget the session locally (after logout, or when the refresh is refused). */
  clearSession(): void {
    const had = this.token !== null || this.tokens.hasSession();
    this.token = null;
    this.tokens.save(null);
    this.tokens.markSession(false);
    if (had) this.emit('signedOut');
  }

  /**
   * Exchanges the refresh cookie for a new access token. Concurrent callers share one
   * exchange; `failed` is the token a caller saw refused: when the client already holds a
   * newer one, nothing needs refreshing.
   */
  refresh(failed?: string | null): Promise<boolean> {
    if (failed && this.token && this.token !== failed) return Promise.resolve(true);
    if (!this.refreshing) {
      const run = () => this.exchange();
      const locks = this.locks;
      const locked = locks
        ? (async () => Boolean(await locks.request('switchyard-cinema-refresh', run)))()
        : run();
      this.refreshing = locked.finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async exchange(): Promise<boolean> {
    let res: Response;
    try {
      res = await this.fetchFn(this.baseUrl + REFRESH_PATH, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
    } catch {
      return false; // offline: keep what we have and let the caller's request fail as it will
    }
    if (res.ok) {
      this.setSession((await res.json()) as AccessGrant);
      return true;
    }
    if (res.status === 401 || res.status === 403) this.clearSession();
    return false;
  }

  /** The token to send, refreshed first when it is about to expire. */
  private async currentToken(): Promise<string | null> {
    if (!this.token) return null;
    const exp = tokenExpiry(this.token);
    if (exp !== null && exp - EXPIRY_MARGIN_MS <= this.now()) await this.refresh(this.token);
    return this.token;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    const url = this.baseUrl + path + queryString(options.query);
    const send = async (token: string | null) => {
      const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
      let body: BodyInit | undefined;
      if (options.body instanceof FormData) body = options.body;
      else if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
      if (token) headers.authorization = `Bearer ${token}`;
      try {
        return await this.fetchFn(url, {
          method,
          headers,
          body,
          credentials: 'same-origin',
          signal: options.signal,
        });
      } catch (err) {
        if ((err as Error)?.name === 'AbortError') throw err;
        throw networkError(err);
      }
    };

    const sent = auth ? await this.currentToken() : null;
    let res = await send(sent);
    if (res.status === 401 && sent) {
      // Expired or ended: refresh once (shared), then try again with whatever we hold now;
      // with no session left the request goes as a guest, so public pages keep working.
      await this.refresh(sent);
      res = await send(this.token);
    }
    if (!res.ok) throw await toApiError(res);
    if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  }

  get<T>(path: string, options?: Omit<RequestOptions, 'body'>): Promise<T> {
    return this.request<T>('GET', path, options);
  }
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }
  delete<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export { ApiError };
