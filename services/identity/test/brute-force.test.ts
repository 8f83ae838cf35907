import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '@switchyard/testing';
import { startIdentity, type Harness, type Reply } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startIdentity({
    IDENTITY_LOCKOUT_THRESHOLD: '3',
    IDENTITY_LOCKOUT_BASE_SECONDS: '2',
    IDENTITY_LOCKOUT_MAX_SECONDS: '8',
    IDENTITY_IP_MAX_FAILURES: '6',
    IDENTITY_CODES_PER_MINUTE: '1',
    IDENTITY_CODES_PER_HOUR: '5',
  });
  for (const name of ['victim', 'timing', 'locked', 'twin']) {
    await h.activeUser(`${name}@example.com`, 'the right password');
  }
});
afterAll(async () => h?.stop());

let ipCounter = 0;
/** Each scenario comes from its own address so the per-address limit stays out of the way. */
const freshIp = () => `198.51.100.${++ipCounter}`;
const login = (email: string, password: string, ip: string) =>
  h.call('POST', '/login', { body: { email, password }, headers: { 'x-forwarded-for': ip } });
const comparable = (r: Reply) => {
  const { requestId: _r, ...body } = r.body ?? {};
  return {
    status: r.status,
    body,
    auth: r.headers.get('www-authenticate'),
    retry: r.headers.get('retry-after'),
  };
};

describe('brute force', () => {
  it('answers an unknown email and a wrong password identically', async () => {
    const ip = freshIp();
    const unknown = await login('nobody-here@example.com', 'whatever password', ip);
    const wrong = await login('victim@example.com', 'whatever password', ip);
    expect(unknown.status).toBe(401);
    expect(comparable(unknown)).toEqual(comparable(wrong));
    expect(unknown.body.detail).toBe('Wrong email or password.');
  });

  it('spends comparable time on unknown emails (a dummy hash is verified)', async () => {
    const time = async (email: string) => {
      const started = performance.now();
      await login(email, 'not the password', freshIp());
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 2; i++) {
      known.push(await time('timing@example.com'));
      unknown.push(await time(`ghost${i}@example.com`));
    }
    // argon2 takes tens of milliseconds; a skipped hash would answer in a few.
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.4);
  });

  it('locks an account progressively: 429 with Retry-After, even for the right password, doubling each time', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await login('locked@example.com', 'bad guess', ip)).status);
    expect(statuses).toEqual([401, 401, 401]);

    const locked = await login('locked@example.com', 'the right password', freshIp());
    expect(locked.status).toBe(429);
    const first = Number(locked.headers.get('retry-after'));
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(2);

    await sleep(2100);
    expect((await login('locked@example.com', 'bad guess', freshIp())).status).toBe(401);
    const longer = await login('locked@example.com', 'bad guess', freshIp());
    expect(longer.status).toBe(429);
    // The second lock doubles: 4 s (3 when a second passed before the check).
    expect(Number(longer.headers.get('retry-after'))).toBeGreaterThanOrEqual(3);
    expect(Number(longer.headers.get('retry-after'))).toBeLessThanOrEqual(4);

    await sleep(4100);
    expect((await login('locked@example.com', 'the right password', freshIp())).status).toBe(200);
    // Success resets the count: three more failures are needed for the next lock.
    expect((await login('locked@example.com', 'bad guess', freshIp())).status).toBe(401);
    expect((await login('locked@example.com', 'bad guess', freshIp())).status).toBe(401);
    expect((await login('locked@example.com', 'the right password', freshIp())).status).toBe(200);
  });

  it('locks unknown emails exactly like real ones, so the lock reveals nothing', async () => {
    const real: number[] = [];
    const ghost: number[] = [];
    for (let i = 0; i < 4; i++) {
      ghost.push((await login('ghost-lock@example.com', 'bad guess', freshIp())).status);
      real.push((await login('twin@example.com', 'bad guess', freshIp())).status);
    }
    expect(ghost).toEqual([401, 401, 401, 429]);
    expect(real).toEqual(ghost);
  });

  it('limits failures per client address across accounts', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await login(`spray${i}@example.com`, 'password123', ip)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    const blocked = await login('someone-else@example.com', 'password123', ip);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('spray0@example.com', 'password123', freshIp())).status).toBe(401);
  });

  it('rate-limits request-code: one a minute, 429 with Retry-After', async () => {
    const before = h.mails.length;
    const reg = await h.call('POST', '/register', {
      body: { email: 'slow@example.com', password: 'password123', firstName: 'S' },
    });
    await h.codeFor('slow@example.com', 'verification-code', before);
    const again = await h.call('POST', '/request-code', { token: reg.body.accessToken });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(50);
  });

  it('rate-limits reset requests per email the same way whether or not it exists', async () => {
    const statuses = async (email: string) => {
      const out: number[] = [];
      for (let i = 0; i < 2; i++) {
        out.push((await h.call('POST', '/password/reset/request', { body: { email } })).status);
      }
      return out;
    };
    expect(await statuses('victim@example.com')).toEqual([204, 429]);
    expect(await statuses('no-account@example.com')).toEqual([204, 429]);
  });
});
