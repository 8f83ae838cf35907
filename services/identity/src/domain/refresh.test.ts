import { describe, expect, it } from 'vitest';
import { decideRefresh, type RefreshState } from './refresh';

const now = new Date('2025-01-01T12:00:00Z');
const future = new Date(now.getTime() + 1000);
const past = new Date(now.getTime() - 1000);
const live: RefreshState = {
  token: { expiresAt: future, rotatedAt: null },
  session: { revokedAt: null, expiresAt: future },
};

describe('refresh token family rotation', () => {
  it('rotates a fresh token of a live session', () => {
    expect(decideRefresh(live, now)).toBe('rotate');
  });

  it('treats a token presented after it was rotated as reuse (the family must go)', () => {
    expect(decideRefresh({ ...live, token: { ...live.token, rotatedAt: past } }, now)).toBe('reuse');
  });

  it('refuses tokens of revoked sessions before anything else', () => {
    const revoked = { ...live, session: { ...live.session, revokedAt: past } };
    expect(decideRefresh(revoked, now)).toBe('revoked');
    expect(decideRefresh({ ...revoked, token: { ...live.token, rotatedAt: past } }, now)).toBe('revoked');
  });

  it('refuses expired tokens and sessions, and unknown tokens', () => {
    expect(decideRefresh({ ...live, token: { ...live.token, expiresAt: now } }, now)).toBe('expired');
    expect(decideRefresh({ ...live, session: { ...live.session, expiresAt: past } }, now)).toBe('expired');
    expect(decideRefresh(undefined, now)).toBe('unknown');
  });
});
