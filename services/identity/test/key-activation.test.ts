import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '@switchyard/testing';
import { loginAs, OWNER, startIdentity, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startIdentity({ IDENTITY_KEY_ACTIVATION_DELAY_SECONDS: '2' });
});
afterAll(async () => h?.stop());

const kidOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid as string;

it('publishes a new key in the JWKS before it starts signing', async () => {
  const owner = (await loginAs(h, OWNER.email, OWNER.password)).body.accessToken;
  const oldKid = kidOf(owner);
  const rotated = await h.call('POST', '/admin/keys/rotate', { token: owner });
  expect(rotated.body.state).toBe('pending');
  const newKid = rotated.body.kid;

  const jwks = await h.call('GET', '/.well-known/jwks.json');
  expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
  expect(kidOf((await loginAs(h, OWNER.email, OWNER.password)).body.accessToken)).toBe(oldKid);

  await waitFor(
    async () => kidOf((await loginAs(h, OWNER.email, OWNER.password)).body.accessToken) === newKid,
    {
      timeoutMs: 10_000,
      intervalMs: 300,
      message: 'the new key to start signing',
    },
  );
  const keys = await h.call('GET', '/admin/keys', { token: owner });
  expect(keys.body.items.find((k: { kid: string }) => k.kid === oldKid).state).toBe('retired');
});
