import { describe, expect, it } from 'vitest';
import { banRefusal, normaliseEmail, normaliseRoles, removesLastOwner, statusAfterUnban } from './user';

describe('accounts', () => {
  it('normalise emails by trimming and lower-casing', () => {
    expect(normaliseEmail('  Alice.Smith@Example.COM ')).toBe('alice.smith@example.com');
  });

  it('unban to the status before the ban (the original verified unverified users)', () => {
    expect(statusAfterUnban('not_verified')).toBe('not_verified');
    expect(statusAfterUnban('active')).toBe('active');
    expect(statusAfterUnban(null)).toBe('active');
  });

  it('never remove the last owner', () => {
    expect(removesLastOwner(['user', 'owner'], ['user', 'admin'], 1)).toBe(true);
    expect(removesLastOwner(['user', 'owner'], ['user', 'admin'], 2)).toBe(false);
    expect(removesLastOwner(['user', 'admin'], ['user'], 1)).toBe(false);
    expect(removesLastOwner(['user', 'owner'], ['owner'], 1)).toBe(false);
  });

  it('order roles and always keep user', () => {
    expect(normaliseRoles(['viewer', 'admin', 'admin'])).toEqual(['user', 'admin', 'viewer']);
  });

  it('let admins ban users, owners ban admins, and nobody ban owners or themselves', () => {
    const admin = { id: 'a', roles: ['user', 'admin'] };
    const owner = { id: 'o', roles: ['user', 'owner'] };
    const user = { id: 'u', roles: ['user'], status: 'active' as const };
    expect(banRefusal(admin, user)).toBeUndefined();
    expect(banRefusal(admin, { ...admin, id: 'a2', status: 'active' })).toBe('admin-needs-owner');
    expect(banRefusal(owner, { ...admin, id: 'a2', status: 'active' })).toBeUndefined();
    expect(banRefusal(admin, { ...owner, status: 'active' })).toBe('owner');
    expect(banRefusal(admin, { ...admin, status: 'active' })).toBe('self');
    expect(banRefusal(admin, { ...user, status: 'banned' })).toBe('already-banned');
  });
});
