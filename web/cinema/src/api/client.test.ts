import { describe, expect, it, vi } from 'vitest';
import { ApiClient, memoryTokens, queryString, tokenExpiry } from './client';
import { ApiError, toApiError } from './problem';

/** An unsigned JWT-shaped token whose `exp` is `secondsFromNow` away (the client only reads it). */
function jwt(secondsFromNow: number, id = 'x'): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'RS256' })}.${enc({ exp: Math.floor(Date.now() / 1000) + secondsFromNow, jti: id })}.sig`;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });

const expired = () =>
  json(401, { title: 'Unauthorized', status: 401, detail: 'The access token has expired; refresh it.' });
const grant = (token: string) => ({
  accessToken: token,
  tokenType: 'Bearer',
  expiresIn: 900,
  user: { id: 'u1', email: 'a@b.c', firstName: 'A', lastName: '', roles: ['user'], status: 'active' },
});

interface Call {
  url: string;
  method: string;
  auth: string | null;
}

/** A fake server: `/identity/refresh` answers `refresh()`, every other path answers `route(call)`. */
function fakeFetch(route: (call: Call) => Response, refresh: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const call = { url, method: init?.method ?? 'GET', auth: headers.authorization ?? null };
    calls.push(call);
    await new Promise((r) => setTimeout(r, 1));
    return url.endsWith('/identity/refresh') ? refresh() : route(call);
  });
  return { fetch, calls };
}

function clientWith(token: string | null, f: ReturnType<typeof fakeFetch>) {
  const tokens = memoryTokens();
  tokens.save(token);
  if (token) tokens.markSession(true);
  return new ApiClient({ baseUrl: '/api', fetch: f.fetch, tokens });
}

describe('ApiClient refresh', () => {
  it('refreshes once for many requests refused at the same time, then retries each once', async () => {
    const stale = jwt(600, 'stale'); // not expired by its claim, yet the server refuses it
    const fresh = jwt(900, 'fresh');
    const f = fakeFetch(
      (call) => (call.auth === `Bearer ${fresh}` ? json(200, { ok: call.url }) : expired()),
      () => json(200, grant(fresh)),
    );
    const client = clientWith(stale, f);
    const sessions: string[] = [];
    client.on('session', (g) => sessions.push(g.accessToken));

    const results = await Promise.all([
      client.get<{ ok: string }>('/cinema/films/me/favourites'),
      client.get<{ ok: string }>('/cinema/films/me/watchlist'),
      client.get<{ ok: string }>('/identity/me'),
    ]);

    expect(results.map((r) => r.ok)).toEqual([
      '/api/cinema/films/me/favourites',
      '/api/cinema/films/me/watchlist',
      '/api/identity/me',
    ]);
    expect(f.calls.filter((c) => c.url.endsWith('/identity/refresh'))).toHaveLength(1);
    expect(f.calls.filter((c) => c.auth === `Bearer ${stale}`)).toHaveLength(3);
    expect(f.calls.filter((c) => c.auth === `Bearer ${fresh}`)).toHaveLength(3);
    expect(sessions).toEqual([fresh]);
    expect(client.accessToken).toBe(fresh);
  });

  it('ends the session when the refresh is refused and goes on as a guest for public reads', async () => {
    const f = fakeFetch(
      (call) => (call.auth ? expired() : json(200, { items: [] })),
      () =>
        json(401, { title: 'Unauthorized', status: 401, detail: 'The session has ended; sign in again.' }),
    );
    const client = clientWith(jwt(600), f);
    const signedOut = vi.fn();
    client.on('signedOut', signedOut);

    await expect(client.get('/cinema/films/')).resolves.toEqual({ items: [] });
    expect(signedOut).toHaveBeenCalledTimes(1);
    expect(client.accessToken).toBeNull();
    expect(client.mayHaveSession).toBe(false);
    expect(f.calls.map((c) => [c.url, c.auth === null])).toEqual([
      ['/api/cinema/films/', false],
      ['/api/identity/refresh', true],
      ['/api/cinema/films/', true],
    ]);
  });

  it('refreshes before sending a token that has already expired', async () => {
    const fresh = jwt(900, 'fresh');
    const f = fakeFetch(
      () => json(200, { ok: true }),
      () => json(200, grant(fresh)),
    );
    const client = clientWith(jwt(-30, 'old'), f);
    await client.get('/identity/me');
    expect(f.calls.map((c) => c.url)).toEqual(['/api/identity/refresh', '/api/identity/me']);
    expect(f.calls[1]!.auth).toBe(`Bearer ${fresh}`);
  });

  it('retries only once: a second 401 becomes an error', async () => {
    const f = fakeFetch(
      () => expired(),
      () => json(200, grant(jwt(900, 'fresh'))),
    );
    const client = clientWith(jwt(600), f);
    const err = await client.get('/identity/sessions').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(f.calls).toHaveLength(3); // request, refresh, one retry
  });

  it('does not refresh for requests sent without a token, nor for sign-in calls', async () => {
    const f = fakeFetch(
      () => json(401, { title: 'Unauthorized', status: 401, detail: 'Wrong email or password.' }),
      () => json(200, grant(jwt(900))),
    );
    const client = clientWith(jwt(600), f);
    await expect(
      client.post('/identity/login', { email: 'a', password: 'b' }, { auth: false }),
    ).rejects.toMatchObject({
      status: 401,
      detail: 'Wrong email or password.',
    });
    expect(f.calls.map((c) => c.url)).toEqual(['/api/identity/login']);
    expect(f.calls[0]!.auth).toBeNull();
  });

  it('skips the refresh when another caller already holds a newer token', async () => {
    const f = fakeFetch(
      () => json(200, {}),
      () => json(200, grant(jwt(900))),
    );
    const client = clientWith(jwt(600, 'current'), f);
    await expect(client.refresh(jwt(600, 'older'))).resolves.toBe(true);
    expect(f.calls).toHaveLength(0);
  });

  it('serialises refreshes through the cross-tab lock when one is given', async () => {
    const f = fakeFetch(
      () => json(200, {}),
      () => json(200, grant(jwt(900))),
    );
    const request = vi.fn((_name: string, run: () => Promise<boolean>) => run());
    const client = new ApiClient({
      fetch: f.fetch,
      tokens: memoryTokens(),
      locks: { request } as unknown as Pick<LockManager, 'request'>,
    });
    await expect(client.refresh()).resolves.toBe(true);
    expect(request).toHaveBeenCalledWith('switchyard-cinema-refresh', expect.any(Function));
  });

  it('keeps the session when the refresh fails for lack of network', async () => {
    const f = fakeFetch(
      () => json(200, {}),
      () => Promise.reject(new TypeError('Failed to fetch')),
    );
    const kept = jwt(600, 'kept');
    const client = clientWith(kept, f);
    await expect(client.refresh()).resolves.toBe(false);
    expect(client.accessToken).toBe(kept);
  });
});

describe('errors', () => {
  it('maps a problem document with field errors, Retry-After and extra members', async () => {
    const err = await toApiError(
      json(
        422,
        {
          type: 'https://switchyard.dev/problems/invalid-code',
          title: 'Invalid code',
          status: 422,
          detail: 'The code is wrong.',
          reason: 'wrong',
          attemptsLeft: 3,
          errors: [
            { path: 'body.code', message: 'six digits' },
            { path: 'body.code', message: 'required' },
            { path: 'query.q', message: 'empty' },
          ],
        },
        { 'retry-after': '42' },
      ),
    );
    expect(err.status).toBe(422);
    expect(err.title).toBe('Invalid code');
    expect(err.message).toBe('The code is wrong.');
    expect(err.fieldErrors).toEqual({ code: 'six digits; required', q: 'empty' });
    expect(err.retryAfter).toBe(42);
    expect(err.extra).toEqual({ reason: 'wrong', attemptsLeft: 3 });
  });

  it('maps answers that are not problem documents, and network failures', async () => {
    const bad = await toApiError(
      new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect([bad.status, bad.title, bad.detail]).toEqual([502, 'Bad Gateway', undefined]);

    const client = new ApiClient({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const err = await client.get('/cinema/films/').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).isNetwork).toBe(true);
  });

  it('answers 204 with undefined and sends JSON and multipart bodies as they should be', async () => {
    const seen: RequestInit[] = [];
    const client = new ApiClient({
      fetch: async (_url, init) => {
        seen.push(init!);
        return new Response(null, { status: 204 });
      },
    });
    await expect(client.put('/x', { value: 4.5 })).resolves.toBeUndefined();
    const form = new FormData();
    form.append('poster', new Blob(['x']), 'p.png');
    await client.put('/y', form);
    expect((seen[0]!.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(seen[0]!.body).toBe('{"value":4.5}');
    expect((seen[1]!.headers as Record<string, string>)['content-type']).toBeUndefined();
    expect(seen[1]!.body).toBe(form);
  });
});

describe('helpers', () => {
  it('builds query strings without empty values', () => {
    expect(
      queryString({
        genre: 'Drama',
        country: '',
        cursor: undefined,
        yearFrom: 1990,
        list: ['a', 'b'],
        none: [],
      }),
    ).toBe('?genre=Drama&yearFrom=1990&list=a%2Cb');
    expect(queryString({})).toBe('');
  });

  it('reads the expiry of a token and tolerates garbage', () => {
    const token = jwt(60);
    expect(tokenExpiry(token)).toBeGreaterThan(Date.now());
    expect(tokenExpiry('garbage')).toBeNull();
    expect(tokenExpiry('a.%%%.c')).toBeNull();
  });
});
