import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus, on } from '@switchyard/bus';
import { UserBanned, UserUnbanned } from '@switchyard/contracts/identity';
import { waitFor } from '@switchyard/testing';
import { loginAs, OWNER, startIdentity, type Harness } from './harness';

let h: Harness;
let owner: string;
let admin: { id: string; accessToken: string };
const events: { type: string; userId: string }[] = [];
const password = 'correct horse battery';

beforeAll(async () => {
  h = await startIdentity();
  owner = (await loginAs(h, OWNER.email, OWNER.password)).body.accessToken;
  const a = await h.activeUser('admin@example.com', password);
  await h.call('PUT', `/admin/users/${a.id}/roles`, { token: owner, body: { roles: ['admin'] } });
  admin = { id: a.id, accessToken: (await loginAs(h, 'admin@example.com', password)).body.accessToken };
  const bus = new Bus({ transport: await h.infra.transport(), service: 'test-bans' });
  await bus.subscribe({
    name: 'bans',
    handlers: [
      on(UserBanned, async (p) => void events.push({ type: 'banned', userId: p.userId })),
      on(UserUnbanned, async (p) => void events.push({ type: 'unbanned', userId: p.userId })),
    ],
  });
});
afterAll(async () => h?.stop());

describe('admin', () => {
  it('lists users with filters and pagination, for admins only', async () => {
    await h.activeUser('list1@example.com', password);
    await h.activeUser('list2@example.com', password);
    const page = await h.call('GET', '/admin/users?q=list&limit=1', { token: admin.accessToken });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(page.body.items[0].email).toBe('list2@example.com');
    const next = await h.call('GET', '/admin/users?q=list&limit=1&offset=1', { token: admin.accessToken });
    expect(next.body.items[0].email).toBe('list1@example.com');
    const owners = await h.call('GET', '/admin/users?role=owner', { token: admin.accessToken });
    expect(owners.body.items.map((u: { email: string }) => u.email)).toEqual([OWNER.email]);
    const wild = await h.call('GET', `/admin/users?q=${encodeURIComponent('%')}`, {
      token: admin.accessToken,
    });
    expect(wild.body.total).toBe(0);
    expect((await h.call('GET', '/admin/users?limit=1000', { token: admin.accessToken })).status).toBe(400);

    const user = await h.activeUser('plain@example.com', password);
    expect((await h.call('GET', '/admin/users', { token: user.accessToken })).status).toBe(403);
    expect((await h.call('GET', `/admin/users/${user.id}`, { token: admin.accessToken })).body.email).toBe(
      'plain@example.com',
    );
  });

  it('bans: sessions end, login and refresh are refused, UserBanned is published; unban restores', async () => {
    const u = await h.activeUser('bad@example.com', password);
    const ban = await h.call('POST', `/admin/users/${u.id}/ban`, {
      token: admin.accessToken,
      body: { reason: 'spam' },
    });
    expect(ban.status).toBe(200);
    expect(ban.body).toMatchObject({ status: 'banned', banReason: 'spam', statusBeforeBan: 'active' });
    await waitFor(() => events.some((e) => e.type === 'banned' && e.userId === u.id), {
      message: 'UserBanned',
    });

    expect((await h.call('POST', '/refresh', { body: { refreshToken: u.refreshToken } })).status).toBe(401);
    const refused = await loginAs(h, 'bad@example.com', password);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/banned/);
    expect((await loginAs(h, 'bad@example.com', 'wrong password!')).status).toBe(401);
    expect((await h.call('GET', '/me', { token: u.accessToken })).status).toBe(403);

    const unban = await h.call('POST', `/admin/users/${u.id}/unban`, { token: admin.accessToken });
    expect(unban.body.status).toBe('active');
    await waitFor(() => events.some((e) => e.type === 'unbanned' && e.userId === u.id), {
      message: 'UserUnbanned',
    });
    expect((await loginAs(h, 'bad@example.com', password)).status).toBe(200);
  });

  it('unbans an unverified user back to not_verified (not active, as the original did)', async () => {
    const reg = await h.call('POST', '/register', {
      body: { email: 'unverified@example.com', password, firstName: 'U' },
    });
    const id = reg.body.user.id;
    await h.call('POST', `/admin/users/${id}/ban`, { token: admin.accessToken });
    const unban = await h.call('POST', `/admin/users/${id}/unban`, { token: admin.accessToken });
    expect(unban.body.status).toBe('not_verified');
    expect((await h.call('POST', `/admin/users/${id}/unban`, { token: admin.accessToken })).status).toBe(409);
  });

  it('protects owners and admins: owners cannot be banned, only owners ban admins, nobody bans themselves', async () => {
    const ownerId = (await loginAs(h, OWNER.email, OWNER.password)).body.user.id;
    expect((await h.call('POST', `/admin/users/${ownerId}/ban`, { token: admin.accessToken })).status).toBe(
      409,
    );
    expect((await h.call('POST', `/admin/users/${admin.id}/ban`, { token: admin.accessToken })).status).toBe(
      403,
    );
    const other = await h.activeUser('admin2@example.com', password);
    await h.call('PUT', `/admin/users/${other.id}/roles`, { token: owner, body: { roles: ['admin'] } });
    expect((await h.call('POST', `/admin/users/${other.id}/ban`, { token: admin.accessToken })).status).toBe(
      403,
    );
    expect((await h.call('POST', `/admin/users/${other.id}/ban`, { token: owner })).status).toBe(200);
  });

  it('sets roles as owner only, keeps user, and never removes the last owner', async () => {
    const u = await h.activeUser('roles@example.com', password);
    expect(
      (
        await h.call('PUT', `/admin/users/${u.id}/roles`, {
          token: admin.accessToken,
          body: { roles: ['admin'] },
        })
      ).status,
    ).toBe(403);
    const set = await h.call('PUT', `/admin/users/${u.id}/roles`, {
      token: owner,
      body: { roles: ['operator', 'viewer'] },
    });
    expect(set.body.roles).toEqual(['user', 'operator', 'viewer']);
    const bad = await h.call('PUT', `/admin/users/${u.id}/roles`, { token: owner, body: { roles: ['god'] } });
    expect(bad.status).toBe(400);

    const ownerId = (await loginAs(h, OWNER.email, OWNER.password)).body.user.id;
    const last = await h.call('PUT', `/admin/users/${ownerId}/roles`, {
      token: owner,
      body: { roles: ['admin'] },
    });
    expect(last.status).toBe(409);
    await h.call('PUT', `/admin/users/${u.id}/roles`, { token: owner, body: { roles: ['owner'] } });
    const handover = await h.call('PUT', `/admin/users/${ownerId}/roles`, {
      token: owner,
      body: { roles: ['admin'] },
    });
    expect(handover.status).toBe(200);
    // Roles are read again on refresh, so the new owner's next token carries them.
    const relog = await loginAs(h, 'roles@example.com', password);
    expect(relog.body.user.roles).toEqual(['user', 'owner']);
  });
});
