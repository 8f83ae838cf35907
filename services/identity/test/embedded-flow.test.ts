import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureService } from '@switchyard/kit/testing';
import { startEmbedded, type EmbeddedSystem } from '@switchyard/runner';
import { waitFor } from '@switchyard/testing';
import { findEntry } from '../../registry';

let system: EmbeddedSystem;
let base: string;

beforeAll(async () => {
  system = await startEmbedded({
    entries: [
      findEntry('gateway'),
      findEntry('identity'),
      findEntry('mailer'),
      { id: 'shop/fixture', port: 0, load: async () => fixtureService },
    ],
    ports: 'auto',
    env: {
      LOG_LEVEL: 'silent',
      DEMO_USERS: 'true',
      OWNER_EMAIL: '',
      OWNER_PASSWORD: '',
      IDENTITY_KEY_ACTIVATION_DELAY_SECONDS: '0',
    },
  });
  base = `${system.gatewayUrl}/api`;
});
afterAll(async () => system?.stop());

const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
const cookieOf = (res: Response) => /sy_refresh=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

describe('identity, mailer and gateway in embedded mode', () => {
  it('register → code in the inbox → redeem → login → refresh → logout everywhere → old refresh refused', async () => {
    const email = 'zoe@example.com';
    const password = 'zoe has a long password';
    const reg = await post('/identity/register', { email, password, firstName: 'Zoe', locale: 'en' });
    expect(reg.status).toBe(201);
    const registered = await reg.json();

    const inbox = await waitFor(
      async () => {
        const body = await (await fetch(`${base}/mail/inbox?to=${email}`)).json();
        return body.items?.length ? body : undefined;
      },
      { message: 'the verification mail in the captured inbox' },
    );
    const code = inbox.items[0].highlight;
    expect(inbox.items[0].subject).toBe(`Your verification code: ${code}`);
    const page = await (await fetch(`${base}/mail/inbox/view?to=${email}`)).text();
    expect(page).toContain(code);

    const redeemed = await post(
      '/identity/redeem-code',
      { code },
      { authorization: `Bearer ${registered.accessToken}` },
    );
    expect(redeemed.status).toBe(200);
    expect((await redeemed.json()).user.status).toBe('active');

    const login = await post('/identity/login', { email, password });
    expect(login.status).toBe(200);
    const session = await login.json();
    expect(cookieOf(login)).toBe(session.refreshToken);

    // Another service verifies the token offline with identity's JWKS.
    const me = await fetch(`${base}/shop/fixture/me`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(me.status).toBe(200);
    expect((await me.json()).id).toBe(session.user.id);

    // The browser refreshes with the httpOnly cookie alone.
    const refreshed = await post('/identity/refresh', undefined, {
      cookie: `sy_refresh=${session.refreshToken}`,
    });
    expect(refreshed.status).toBe(200);
    const rotated = await refreshed.json();
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    expect(cookieOf(refreshed)).toBe(rotated.refreshToken);

    const out = await post('/identity/logout-everywhere', undefined, {
      authorization: `Bearer ${rotated.accessToken}`,
    });
    expect(out.status).toBe(204);
    for (const token of [rotated.refreshToken, registered.refreshToken]) {
      expect((await post('/identity/refresh', { refreshToken: token })).status).toBe(401);
    }
    expect(
      (await post('/identity/refresh', undefined, { cookie: `sy_refresh=${rotated.refreshToken}` })).status,
    ).toBe(401);
  });

  it('publishes the JWKS through the gateway and prints the demo logins in the banner', async () => {
    const jwks = await (await fetch(`${base}/identity/.well-known/jwks.json`)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    const banner = system.services.flatMap((s) => s.banner);
    for (const who of ['owner', 'admin', 'alice', 'operator', 'viewer']) {
      expect(banner.some((line) => line.includes(`${who}@switchyard.local`))).toBe(true);
    }
    expect(banner.some((line) => line.includes('/api/mail/inbox/view'))).toBe(true);
    const line = banner.find((l) => l.includes('alice@switchyard.local'))!;
    const password = line.trim().split(/\s+/)[2]!;
    const alice = await post('/identity/login', { email: 'alice@switchyard.local', password });
    expect(alice.status).toBe(200);
  });
});
