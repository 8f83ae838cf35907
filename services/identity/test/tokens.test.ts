import {
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  verify,
  type KeyObject,
} from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { JwksVerifier, TokenError } from '@switchyard/auth';
import { deriveKey, SecretBox } from '@switchyard/kit';
import { createPrivateKey } from 'node:crypto';
import { loginAs, OWNER, startIdentity, type Harness } from './harness';

const SECRETS_KEY = randomBytes(32).toString('hex');
let h: Harness;
let jwksUrl: string;

beforeAll(async () => {
  h = await startIdentity({ SECRETS_KEY });
  jwksUrl = `${h.url}/.well-known/jwks.json`;
});
afterAll(async () => h?.stop());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (token: string) => {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()),
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
};

/** A verifier that shares no code with identity or jose: Node's crypto over the JWS signing input. */
async function independentlyVerify(token: string): Promise<boolean> {
  const { header, signingInput, signature } = parts(token);
  const { keys } = (await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] };
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk || header.alg !== 'RS256') return false;
  const key = createPublicKey({ key: jwk as never, format: 'jwk' });
  return verify('RSA-SHA256', Buffer.from(signingInput), key, signature);
}

/** The real private signing key, opened from the database with SECRETS_KEY, to forge tokens with bad claims. */
async function realSigningKey(): Promise<{ kid: string; key: KeyObject }> {
  const db = (await h.infra.database('identity')).db as never as {
    selectFrom(t: string): {
      selectAll(): { execute(): Promise<{ kid: string; private_key_sealed: string }[]> };
    };
  };
  const [row] = await db.selectFrom('signing_keys').selectAll().execute();
  const box = new SecretBox(deriveKey(Buffer.from(SECRETS_KEY, 'hex'), 'identity', 'signing-keys'));
  const der = box.open(row!.private_key_sealed, `signing-key:${row!.kid}`);
  return { kid: row!.kid, key: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
}

const verifier = () =>
  new JwksVerifier({ jwks: jwksUrl, issuer: 'switchyard-identity', audience: 'switchyard' });

async function refusal(token: string): Promise<string> {
  try {
    await verifier().verify(token);
    return 'accepted';
  } catch (err) {
    expect(err).toBeInstanceOf(TokenError);
    return (err as TokenError).reason;
  }
}

describe('access tokens', () => {
  it('are RS256 JWTs with kid and the documented claims, valid 15 minutes', async () => {
    const login = await loginAs(h, OWNER.email, OWNER.password);
    const { header, payload } = parts(login.body.accessToken);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
    expect(payload).toMatchObject({
      iss: 'switchyard-identity',
      aud: 'switchyard',
      sub: login.body.user.id,
      roles: ['user', 'owner'],
      status: 'active',
      email: OWNER.email,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(payload.exp - payload.iat).toBe(900);
    expect(login.body.expiresIn).toBe(900);
  });

  it('publish only public keys with kid, alg and use in the JWKS', async () => {
    const res = await fetch(jwksUrl);
    expect(res.headers.get('cache-control')).toContain('max-age');
    const { keys } = await res.json();
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const k of keys) {
      expect(k).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
      expect(Object.keys(k).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
      expect(Buffer.from(k.n, 'base64url').length).toBe(256);
    }
  });

  it('verify with a second, independent verifier (Node crypto, not jose), and a flipped bit fails', async () => {
    const token = (await loginAs(h, OWNER.email, OWNER.password)).body.accessToken;
    expect(await independentlyVerify(token)).toBe(true);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${b64({ ...claims, roles: ['admin'] })}.${signature}`;
    expect(await independentlyVerify(tampered)).toBe(false);
    expect(await refusal(tampered)).toBe('invalid');
  });

  it('verify with the platform JwksVerifier pointed at the real JWKS URL', async () => {
    const login = await loginAs(h, OWNER.email, OWNER.password);
    const user = await verifier().verify(login.body.accessToken);
    expect(user).toMatchObject({
      id: login.body.user.id,
      roles: ['user', 'owner'],
      status: 'active',
      email: OWNER.email,
    });
  });

  it('are refused with alg none, HS256 keyed with the public key, wrong aud or iss, expired, or an unknown kid', async () => {
    const good = parts((await loginAs(h, OWNER.email, OWNER.password)).body.accessToken);
    const now = Math.floor(Date.now() / 1000);
    const claims = good.payload;

    const none = `${b64({ alg: 'none', typ: 'JWT', kid: good.header.kid })}.${b64(claims)}.`;
    expect(await refusal(none)).toBe('invalid');

    const { keys } = await (await fetch(jwksUrl)).json();
    const publicPem = createPublicKey({ key: keys[0], format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const hsInput = `${b64({ alg: 'HS256', typ: 'JWT', kid: good.header.kid })}.${b64(claims)}`;
    const hs = `${hsInput}.${createHmac('sha256', publicPem).update(hsInput).digest('base64url')}`;
    expect(await refusal(hs)).toBe('invalid');

    const { kid, key } = await realSigningKey();
    const sign = (overrides: Record<string, unknown>, headerKid = kid, signingKey: KeyObject = key) =>
      new SignJWT({ roles: ['admin'], status: 'active', ...overrides })
        .setProtectedHeader({ alg: 'RS256', kid: headerKid })
        .setSubject(claims.sub)
        .setJti(crypto.randomUUID())
        .setIssuedAt((overrides.iat as number) ?? now)
        .setIssuer((overrides.iss as string) ?? 'switchyard-identity')
        .setAudience((overrides.aud as string) ?? 'switchyard')
        .setExpirationTime((overrides.exp as number) ?? now + 600)
        .sign(signingKey);

    expect(await refusal(await sign({}))).toBe('accepted');
    expect(await refusal(await sign({ aud: 'some-other-app' }))).toBe('invalid');
    expect(await refusal(await sign({ iss: 'evil-issuer' }))).toBe('invalid');
    expect(await refusal(await sign({ iat: now - 3600, exp: now - 600 }))).toBe('expired');

    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(await refusal(await sign({}, 'unknown-kid', stranger))).toBe('invalid');
    expect(await refusal(await sign({}, kid, stranger))).toBe('invalid');
  });

  it('of an ended session are refused by identity itself at once', async () => {
    const login = await loginAs(h, OWNER.email, OWNER.password);
    const token = login.body.accessToken;
    expect((await h.call('GET', '/me', { token })).status).toBe(200);
    await h.call('POST', '/logout', { token });
    const after = await h.call('GET', '/me', { token });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('refresh token families', () => {
  it('revoke the whole family when a rotated refresh token is reused', async () => {
    const login = await loginAs(h, OWNER.email, OWNER.password);
    const bystander = await loginAs(h, OWNER.email, OWNER.password);
    const r1 = login.body.refreshToken;
    const r2 = (await h.call('POST', '/refresh', { body: { refreshToken: r1 } })).body;
    const r3 = (await h.call('POST', '/refresh', { body: { refreshToken: r2.refreshToken } })).body;
    expect(r3.refreshToken).toBeTruthy();

    const replay = await h.call('POST', '/refresh', { body: { refreshToken: r1 } });
    expect(replay.status).toBe(401);
    expect(replay.body.detail).toMatch(/already used/);
    // The legitimate newest token of the family is dead too, and so is its access token here.
    expect((await h.call('POST', '/refresh', { body: { refreshToken: r3.refreshToken } })).status).toBe(401);
    expect((await h.call('GET', '/me', { token: r3.accessToken })).status).toBe(401);
    // Another session of the same user is untouched.
    expect(
      (await h.call('POST', '/refresh', { body: { refreshToken: bystander.body.refreshToken } })).status,
    ).toBe(200);
  });

  it('let only one of two concurrent refreshes with the same token win', async () => {
    const login = await loginAs(h, OWNER.email, OWNER.password);
    const results = await Promise.all(
      [1, 2].map(() => h.call('POST', '/refresh', { body: { refreshToken: login.body.refreshToken } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('are stored hashed, never in clear', async () => {
    const login = await loginAs(h, OWNER.email, OWNER.password);
    const db = (await h.infra.database('identity')).db as never as {
      selectFrom(t: string): { selectAll(): { execute(): Promise<Record<string, unknown>[]> } };
    };
    const rows = await db.selectFrom('refresh_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(login.body.refreshToken);
    const keys = await db.selectFrom('signing_keys').selectAll().execute();
    expect(JSON.stringify(keys)).not.toMatch(/PRIVATE KEY|"d":/);
  });
});

describe('key rotation', () => {
  it('keeps tokens of the previous key valid while new tokens use the new key', async () => {
    const owner = await loginAs(h, OWNER.email, OWNER.password);
    const before = owner.body.accessToken;
    const oldKid = parts(before).header.kid;
    const rotated = await h.call('POST', '/admin/keys/rotate', { token: owner.body.accessToken });
    expect(rotated.status).toBe(201);
    expect(rotated.body.kid).not.toBe(oldKid);

    const { keys } = await (await fetch(jwksUrl)).json();
    expect(keys.map((k: { kid: string }) => k.kid)).toEqual(
      expect.arrayContaining([oldKid, rotated.body.kid]),
    );
    const after = (await loginAs(h, OWNER.email, OWNER.password)).body.accessToken;
    expect(parts(after).header.kid).toBe(rotated.body.kid);

    const fresh = verifier();
    await expect(fresh.verify(before)).resolves.toMatchObject({ id: owner.body.user.id });
    await expect(fresh.verify(after)).resolves.toMatchObject({ id: owner.body.user.id });
    expect(await independentlyVerify(before)).toBe(true);
    expect(await independentlyVerify(after)).toBe(true);

    const list = await h.call('GET', '/admin/keys', { token: after });
    const states = Object.fromEntries(
      list.body.items.map((k: { kid: string; state: string }) => [k.kid, k.state]),
    );
    expect(states).toMatchObject({ [oldKid]: 'retired', [rotated.body.kid]: 'signing' });
  });

  it('is for admins only', async () => {
    const user = await h.activeUser('rotator@example.com');
    expect((await h.call('POST', '/admin/keys/rotate', { token: user.accessToken })).status).toBe(403);
    expect((await h.call('POST', '/admin/keys/rotate')).status).toBe(401);
  });
});
