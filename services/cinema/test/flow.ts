import { expect } from 'vitest';

/**
 * The Cinema user journey over HTTP through the gateway, the same in both modes:
 * register → code → redeem → login → rate and comment a film → refresh →
 * log out everywhere → the old refresh token is refused.
 */
export async function cinemaJourney(
  gateway: string,
  readCode: (email: string) => Promise<string>,
): Promise<void> {
  const api = `${gateway}/api`;
  const json = async (res: Response, status: number) => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return text ? JSON.parse(text) : undefined;
  };
  const call = (method: string, path: string, body?: unknown, token?: string) =>
    fetch(`${api}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const email = `viewer.${Date.now()}@example.com`;
  const password = 'a long enough password';
  const registered = await json(
    await call('POST', '/identity/register', { email, password, firstName: 'Vera', locale: 'en' }),
    201,
  );

  // A not-yet-verified user may look but not rate.
  const films = await json(await call('GET', '/cinema/films/?limit=5&sort=popularity&order=desc'), 200);
  expect(films.items.length).toBe(5);
  const film = films.items[0];
  await json(
    await call('PUT', `/cinema/films/${film.id}/rating`, { value: 4.5 }, registered.accessToken),
    403,
  );

  const code = await readCode(email);
  expect(code).toMatch(/^\d{6}$/);
  await json(await call('POST', '/identity/redeem-code', { code }, registered.accessToken), 200);

  const login = await json(await call('POST', '/identity/login', { email, password }), 200);
  const access = login.accessToken as string;

  await json(await call('PUT', `/cinema/films/${film.id}/rating`, { value: 4.5 }, access), 200);
  const comment = await json(
    await call('POST', `/cinema/films/${film.id}/comments`, { text: 'Watched it twice.' }, access),
    201,
  );
  const details = await json(await call('GET', `/cinema/films/${film.id}`, undefined, access), 200);
  expect(details.me.rating).toBe(4.5);
  const comments = await json(await call('GET', `/cinema/films/${film.id}/comments`), 200);
  expect(comments.items.map((c: { id: string }) => c.id)).toContain(comment.id);

  const refreshed = await json(
    await call('POST', '/identity/refresh', { refreshToken: login.refreshToken }),
    200,
  );
  expect(refreshed.refreshToken).not.toBe(login.refreshToken);
  await json(await call('POST', '/identity/logout-everywhere', undefined, refreshed.accessToken), 204);
  await json(await call('POST', '/identity/refresh', { refreshToken: refreshed.refreshToken }), 401);
  await json(await call('POST', '/identity/refresh', { refreshToken: login.refreshToken }), 401);
}
