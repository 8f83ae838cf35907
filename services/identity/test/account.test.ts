import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, OWNER, startIdentity, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startIdentity({ PUBLIC_URL: 'https://switchyard.example' });
});
afterAll(async () => h?.stop());

const password = 'correct horse battery';

describe('registration and verification', () => {
  it('registers a normalised email as not_verified, mails a code, and signs in', async () => {
    const before = h.mails.length;
    const reg = await h.call('POST', '/register', {
      body: { email: '  Carol@Example.COM ', password, firstName: 'Carol', locale: 'ru' },
    });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toMatchObject({
      email: 'carol@example.com',
      status: 'not_verified',
      roles: ['user'],
    });
    expect(reg.body.accessToken).toBeTruthy();
    expect(reg.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const code = await h.codeFor('carol@example.com', 'verification-code', before);
    expect(code).toMatch(/^\d{6}$/);
    const mail = h.mails.filter((m) => m.to === 'carol@example.com').at(-1)!;
    expect(mail).toMatchObject({ locale: 'ru', variables: { firstName: 'Carol', minutes: 10 } });

    const dup = await h.call('POST', '/register', {
      body: { email: 'carol@example.com', password, firstName: 'C' },
    });
    expect(dup.status).toBe(409);
  });

  it('validates input with field errors', async () => {
    const bad = await h.call('POST', '/register', {
      body: { email: "x'; drop table users;--", password: 'short', firstName: '' },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.firstName']));
    const long = await h.call('POST', '/register', {
      body: { email: 'long@example.com', password: 'x'.repeat(129), firstName: 'L' },
    });
    expect(long.status).toBe(400);
  });

  it('redeems the code: fresh tokens say active, a wrong code counts, and UserActivated is published', async () => {
    const before = h.mails.length;
    const reg = await h.call('POST', '/register', {
      body: { email: 'dave@example.com', password, firstName: 'Dave' },
    });
    const code = await h.codeFor('dave@example.com', 'verification-code', before);
    const wrong = code === '000000' ? '000001' : '000000';
    const bad = await h.call('POST', '/redeem-code', { token: reg.body.accessToken, body: { code: wrong } });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ reason: 'wrong', attemptsLeft: 4 });
    const ok = await h.call('POST', '/redeem-code', { token: reg.body.accessToken, body: { code } });
    expect(ok.status).toBe(200);
    expect(ok.body.user.status).toBe('active');
    const claims = JSON.parse(Buffer.from(ok.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.status).toBe('active');
    const again = await h.call('POST', '/redeem-code', { token: ok.body.accessToken, body: { code } });
    expect(again.status).toBe(409);
    // Refresh re-reads the user, so the refreshed token is active too.
    const refreshed = await h.call('POST', '/refresh', { body: { refreshToken: reg.body.refreshToken } });
    expect(refreshed.body.user.status).toBe('active');
    await h.codeFor('dave@example.com', 'welcome', before).catch(() => undefined);
    expect(h.mails.some((m) => m.to === 'dave@example.com' && m.template === 'welcome')).toBe(true);
  });

  it('kills a code after five wrong guesses, and a new code replaces the old one', async () => {
    const before = h.mails.length;
    const reg = await h.call('POST', '/register', {
      body: { email: 'erin@example.com', password, firstName: 'Erin' },
    });
    const token = reg.body.accessToken;
    const code = await h.codeFor('erin@example.com', 'verification-code', before);
    const wrong = code === '111111' ? '222222' : '111111';
    const reasons = [];
    for (let i = 0; i < 5; i++) {
      reasons.push((await h.call('POST', '/redeem-code', { token, body: { code: wrong } })).body.reason);
    }
    expect(reasons).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'exhausted']);
    expect((await h.call('POST', '/redeem-code', { token, body: { code } })).body.reason).toBe('missing');

    const first = await h.call('POST', '/request-code', { token });
    expect(first.status).toBe(202);
    const oldCode = await h.codeFor('erin@example.com', 'verification-code', before + 1);
    const mark = h.mails.length;
    expect((await h.call('POST', '/request-code', { token })).status).toBe(202);
    const newCode = await h.codeFor('erin@example.com', 'verification-code', mark);
    if (oldCode !== newCode) {
      expect((await h.call('POST', '/redeem-code', { token, body: { code: oldCode } })).body.reason).toBe(
        'wrong',
      );
    }
    expect((await h.call('POST', '/redeem-code', { token, body: { code: newCode } })).status).toBe(200);
  });

  it('refuses request-code without a token and for verified users', async () => {
    expect((await h.call('POST', '/request-code')).status).toBe(401);
    const owner = await loginAs(h, OWNER.email, OWNER.password);
    expect((await h.call('POST', '/request-code', { token: owner.body.accessToken })).status).toBe(409);
  });
});

describe('sessions', () => {
  it('sets the refresh token as an httpOnly, Secure, SameSite=Strict cookie scoped to /api/identity', async () => {
    const res = await loginAs(h, OWNER.email, OWNER.password);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toContain(`sy_refresh=${res.body.refreshToken}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/identity/);
  });

  it('refreshes from the cookie or the body, rotating the token every time', async () => {
    const login = await loginAs(h, OWNER.email, OWNER.password);
    const viaCookie = await h.call('POST', '/refresh', {
      headers: { cookie: `sy_refresh=${login.body.refreshToken}` },
    });
    expect(viaCookie.status).toBe(200);
    expect(viaCookie.body.refreshToken).not.toBe(login.body.refreshToken);
    const viaBody = await h.call('POST', '/refresh', { body: { refreshToken: viaCookie.body.refreshToken } });
    expect(viaBody.status).toBe(200);
    expect((await h.call('POST', '/refresh')).status).toBe(401);
    expect((await h.call('POST', '/refresh', { body: { refreshToken: 'x'.repeat(43) } })).status).toBe(401);
  });

  it('lists sessions with the current one flagged, revokes one, and logs out this session', async () => {
    const user = await h.activeUser('frank@example.com', password);
    const second = await h.call('POST', '/login', {
      body: { email: 'frank@example.com', password },
      headers: { 'user-agent': 'Second Browser/1.0' },
    });
    const list = await h.call('GET', '/sessions', { token: second.body.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const current = list.body.items.find((s: { current: boolean }) => s.current);
    expect(current.userAgent).toBe('Second Browser/1.0');
    const other = list.body.items.find((s: { current: boolean }) => !s.current);

    expect((await h.call('DELETE', `/sessions/${other.id}`, { token: second.body.accessToken })).status).toBe(
      204,
    );
    expect((await h.call('POST', '/refresh', { body: { refreshToken: user.refreshToken } })).status).toBe(
      401,
    );
    expect((await h.call('GET', '/me', { token: user.accessToken })).status).toBe(401);
    expect((await h.call('DELETE', `/sessions/${other.id}`, { token: second.body.accessToken })).status).toBe(
      404,
    );

    const out = await h.call('POST', '/logout', { token: second.body.accessToken });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/sy_refresh=;/);
    expect(
      (await h.call('POST', '/refresh', { body: { refreshToken: second.body.refreshToken } })).status,
    ).toBe(401);
  });

  it('logs out with only the refresh token (expired access token)', async () => {
    const login = await loginAs(h, OWNER.email, OWNER.password);
    expect(
      (await h.call('POST', '/logout', { body: { refreshToken: login.body.refreshToken } })).status,
    ).toBe(204);
    expect(
      (await h.call('POST', '/refresh', { body: { refreshToken: login.body.refreshToken } })).status,
    ).toBe(401);
    expect((await h.call('POST', '/logout')).status).toBe(401);
  });

  it('logs out everywhere: every refresh token and access token of the user stops working here', async () => {
    const a = await h.activeUser('gina@example.com', password);
    const b = await loginAs(h, 'gina@example.com', password);
    const other = await loginAs(h, OWNER.email, OWNER.password);
    expect((await h.call('POST', '/logout-everywhere', { token: b.body.accessToken })).status).toBe(204);
    for (const token of [a.refreshToken, b.body.refreshToken]) {
      expect((await h.call('POST', '/refresh', { body: { refreshToken: token } })).status).toBe(401);
    }
    expect((await h.call('GET', '/me', { token: a.accessToken })).status).toBe(401);
    expect(
      (await h.call('POST', '/refresh', { body: { refreshToken: other.body.refreshToken } })).status,
    ).toBe(200);
  });
});

describe('passwords', () => {
  it('changes the password with the current one and ends the other sessions', async () => {
    const u = await h.activeUser('hank@example.com', password);
    const other = await loginAs(h, 'hank@example.com', password);
    const wrong = await h.call('POST', '/password/change', {
      token: u.accessToken,
      body: { currentPassword: 'not it at all', newPassword: 'a brand new secret' },
    });
    expect(wrong.status).toBe(403);
    const ok = await h.call('POST', '/password/change', {
      token: u.accessToken,
      body: { currentPassword: password, newPassword: 'a brand new secret' },
    });
    expect(ok.status).toBe(204);
    expect(
      (await h.call('POST', '/refresh', { body: { refreshToken: other.body.refreshToken } })).status,
    ).toBe(401);
    expect((await h.call('POST', '/refresh', { body: { refreshToken: u.refreshToken } })).status).toBe(200);
    expect((await loginAs(h, 'hank@example.com', password)).status).toBe(401);
    expect((await loginAs(h, 'hank@example.com', 'a brand new secret')).status).toBe(200);
  });

  it('resets by code: 204 for known and unknown emails alike, then every session ends', async () => {
    const u = await h.activeUser('ivy@example.com', password);
    const before = h.mails.length;
    const unknown = await h.call('POST', '/password/reset/request', {
      body: { email: 'nobody@example.com' },
    });
    const known = await h.call('POST', '/password/reset/request', { body: { email: 'IVY@example.com' } });
    expect(unknown.status).toBe(204);
    expect(known.status).toBe(204);
    const code = await h.codeFor('ivy@example.com', 'password-reset', before);
    expect(h.mails.slice(before).some((m) => m.to === 'nobody@example.com')).toBe(false);

    const wrongCode = code === '000000' ? '000001' : '000000';
    const bad = await h.call('POST', '/password/reset/confirm', {
      body: { email: 'ivy@example.com', code: wrongCode, newPassword: 'reset password 1' },
    });
    const none = await h.call('POST', '/password/reset/confirm', {
      body: { email: 'nobody@example.com', code, newPassword: 'reset password 1' },
    });
    expect(bad.status).toBe(422);
    expect(none.status).toBe(422);
    expect(bad.body.detail).toBe(none.body.detail);
    expect(bad.body.reason).toBeUndefined();

    const ok = await h.call('POST', '/password/reset/confirm', {
      body: { email: 'ivy@example.com', code, newPassword: 'reset password 1' },
    });
    expect(ok.status).toBe(204);
    expect((await h.call('POST', '/refresh', { body: { refreshToken: u.refreshToken } })).status).toBe(401);
    expect((await loginAs(h, 'ivy@example.com', 'reset password 1')).status).toBe(200);
  });
});

describe('email change', () => {
  it('mails the code to the NEW address and switches after confirmation', async () => {
    const u = await h.activeUser('jack@example.com', password);
    const taken = await h.call('POST', '/email/change/request', {
      token: u.accessToken,
      body: { newEmail: OWNER.email, password },
    });
    expect(taken.status).toBe(409);
    const wrongPassword = await h.call('POST', '/email/change/request', {
      token: u.accessToken,
      body: { newEmail: 'jack.new@example.com', password: 'not my password' },
    });
    expect(wrongPassword.status).toBe(403);

    const before = h.mails.length;
    const sent = await h.call('POST', '/email/change/request', {
      token: u.accessToken,
      body: { newEmail: 'Jack.New@example.com', password },
    });
    expect(sent.status).toBe(202);
    expect(sent.body.sentTo).toBe('jack.new@example.com');
    const code = await h.codeFor('jack.new@example.com', 'email-change', before);
    expect(h.mails.slice(before).some((m) => m.to === 'jack@example.com')).toBe(false);

    const done = await h.call('POST', '/email/change/confirm', { token: u.accessToken, body: { code } });
    expect(done.status).toBe(200);
    expect(done.body.user.email).toBe('jack.new@example.com');
    const claims = JSON.parse(Buffer.from(done.body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.email).toBe('jack.new@example.com');
    expect((await loginAs(h, 'jack@example.com', password)).status).toBe(401);
    expect((await loginAs(h, 'jack.new@example.com', password)).status).toBe(200);
  });

  it('also confirms through redeem-code with purpose change-email', async () => {
    const u = await h.activeUser('kate@example.com', password);
    const before = h.mails.length;
    await h.call('POST', '/email/change/request', {
      token: u.accessToken,
      body: { newEmail: 'kate2@example.com', password },
    });
    const code = await h.codeFor('kate2@example.com', 'email-change', before);
    const res = await h.call('POST', '/redeem-code', {
      token: u.accessToken,
      body: { code, purpose: 'change-email' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe('kate2@example.com');
  });
});

describe('profiles', () => {
  it('reads and updates the own profile, and shows public profiles only when public', async () => {
    const u = await h.activeUser('liam@example.com', password);
    const viewer = await h.activeUser('mona@example.com', password);
    const me = await h.call('GET', '/me', { token: u.accessToken });
    expect(me.body).toMatchObject({
      email: 'liam@example.com',
      isPublic: false,
      locale: 'en',
      avatarUrl: null,
    });

    const hidden = await h.call('GET', `/users/${u.id}`, { token: viewer.accessToken });
    expect(hidden.status).toBe(404);
    expect((await h.call('GET', `/users/${u.id}`, { token: u.accessToken })).status).toBe(200);
    const owner = await loginAs(h, OWNER.email, OWNER.password);
    expect((await h.call('GET', `/users/${u.id}`, { token: owner.body.accessToken })).status).toBe(200);

    const updated = await h.call('PATCH', '/me', {
      token: u.accessToken,
      body: {
        firstName: 'Liam',
        lastName: 'Neeson',
        locale: 'ru',
        isPublic: true,
        avatarUrl: 'https://img.example/l.png',
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      firstName: 'Liam',
      lastName: 'Neeson',
      locale: 'ru',
      isPublic: true,
    });
    const visible = await h.call('GET', `/users/${u.id}`);
    expect(visible.status).toBe(200);
    expect(visible.body).toEqual({
      id: u.id,
      firstName: 'Liam',
      lastName: 'Neeson',
      avatarUrl: 'https://img.example/l.png',
      createdAt: expect.any(String),
    });
    expect(visible.body.email).toBeUndefined();

    const bad = await h.call('PATCH', '/me', {
      token: u.accessToken,
      body: { avatarUrl: 'javascript:alert(1)', firstName: 'x'.repeat(61) },
    });
    expect(bad.status).toBe(400);
    expect((await h.call('PATCH', '/me', { token: u.accessToken, body: { roles: ['owner'] } })).status).toBe(
      400,
    );
    expect((await h.call('GET', '/users/not-a-uuid')).status).toBe(400);
  });
});

describe('service basics', () => {
  it('serves its OpenAPI document with every operation', async () => {
    const doc = await h.call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/register',
        '/login',
        '/refresh',
        '/logout-everywhere',
        '/sessions/{id}',
        '/password/reset/confirm',
        '/email/change/confirm',
        '/admin/users/{id}/roles',
        '/admin/keys/rotate',
        '/.well-known/jwks.json',
      ]),
    );
  });

  it('publishes UserRegistered for new accounts', async () => {
    const { Bus, on } = await import('@switchyard/bus');
    const { UserRegistered } = await import('@switchyard/contracts/identity');
    const seen: string[] = [];
    const bus = new Bus({ transport: await h.infra.transport(), service: 'test-registered' });
    await bus.subscribe({ name: 'r', handlers: [on(UserRegistered, async (p) => void seen.push(p.email))] });
    await h.call('POST', '/register', { body: { email: 'nina@example.com', password, firstName: 'Nina' } });
    const { waitFor } = await import('@switchyard/testing');
    await waitFor(() => seen.includes('nina@example.com'), { message: 'UserRegistered' });
    await bus.stopConsuming();
  });
});
