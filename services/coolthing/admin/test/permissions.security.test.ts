import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Role } from './support';

type Need = 'read' | 'operate' | 'manage' | 'audit';

/** What each role may do (every role includes the ones before it). */
const ALLOWED: Record<Need, Role[]> = {
  read: ['viewer', 'operator', 'admin', 'owner'],
  operate: ['operator', 'admin', 'owner'],
  manage: ['admin', 'owner'],
  audit: ['admin', 'owner'],
};

describe('roles per endpoint group', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  const x = 'unknown-id';
  /** One operation of each group with a body that passes validation; ids that do not exist. */
  const operations: [string, string, unknown, Need][] = [
    ['GET', '/accounts', undefined, 'read'],
    ['GET', `/accounts/${x}`, undefined, 'read'],
    ['GET', '/chats', undefined, 'read'],
    ['GET', '/campaigns', undefined, 'read'],
    ['GET', '/scripts', undefined, 'read'],
    ['GET', '/script-runs', undefined, 'read'],
    ['GET', '/notification-bots', undefined, 'read'],
    ['GET', '/llm-profiles', undefined, 'read'],
    ['GET', '/demo', undefined, 'read'],
    ['POST', '/campaigns', { name: 'c', type: 'scripts' }, 'operate'],
    ['PATCH', `/campaigns/${x}`, { name: 'c' }, 'operate'],
    ['DELETE', `/campaigns/${x}`, undefined, 'operate'],
    ['POST', '/scripts', { name: 'bad' }, 'operate'],
    ['PUT', `/scripts/${x}`, { name: 'bad' }, 'operate'],
    ['DELETE', `/scripts/${x}`, undefined, 'operate'],
    ['POST', '/scripts/preview', { script: { name: 'x' } }, 'operate'],
    ['POST', `/scripts/${x}/preview`, {}, 'operate'],
    ['POST', '/script-runs', { scriptId: x, campaignId: x, mapping: { 1: x } }, 'operate'],
    ['POST', `/script-runs/${x}/stop`, undefined, 'operate'],
    ['POST', `/script-runs/${x}/pause`, undefined, 'operate'],
    ['POST', `/script-runs/${x}/resume`, undefined, 'operate'],
    ['POST', '/accounts/onboarding', { phone: '+15550001111', role: 'actor' }, 'manage'],
    ['GET', `/accounts/onboarding/${x}`, undefined, 'manage'],
    ['POST', `/accounts/onboarding/${x}/code`, { code: '12345' }, 'manage'],
    ['POST', `/accounts/onboarding/${x}/password`, { password: 'p' }, 'manage'],
    ['DELETE', `/accounts/onboarding/${x}`, undefined, 'manage'],
    ['POST', '/accounts/import', { session: 'sandbox:1:xxxxxxxxxxxxxxxx', role: 'actor' }, 'manage'],
    ['PATCH', `/accounts/${x}`, { tags: ['a'] }, 'manage'],
    ['DELETE', `/accounts/${x}`, undefined, 'manage'],
    ['POST', `/accounts/${x}/check`, undefined, 'manage'],
    ['POST', '/chats', { username: 'perm_test_chat' }, 'manage'],
    ['PATCH', `/chats/${x}`, { title: 't' }, 'manage'],
    ['DELETE', `/chats/${x}`, undefined, 'manage'],
    ['POST', `/chats/${x}/resolve`, { accountId: x }, 'manage'],
    ['POST', '/notification-bots', { name: 'b', token: '1:abcdefghij' }, 'manage'],
    ['PATCH', `/notification-bots/${x}`, { name: 'b' }, 'manage'],
    ['DELETE', `/notification-bots/${x}`, undefined, 'manage'],
    ['POST', '/llm-profiles', { name: 'l', baseUrl: 'http://x.test/v1', model: 'm' }, 'manage'],
    ['PATCH', `/llm-profiles/${x}`, { name: 'l' }, 'manage'],
    ['DELETE', `/llm-profiles/${x}`, undefined, 'manage'],
    ['GET', '/audit', undefined, 'audit'],
  ];

  it('refuses guests with 401 everywhere', async () => {
    for (const [method, path, body] of operations) {
      const res = await h.api(method, path, { as: null, body });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('refuses each role what it may not do, and lets it past the role check otherwise', async () => {
    for (const role of ['user', 'viewer', 'operator', 'admin'] as Role[]) {
      for (const [method, path, body, need] of operations) {
        const res = await h.api(method, path, { as: role, body });
        if (ALLOWED[need].includes(role)) expect(res.status, `${role} ${method} ${path}`).not.toBe(403);
        else expect(res.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
  });

  it('refuses tokens of accounts that are not active', async () => {
    const token = await h.issuer.sign({ sub: 'pending-admin', roles: ['admin'], status: 'not_verified' });
    const res = await h.api('GET', '/accounts', { as: null, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
  });

  it('hides the internal API from anyone without the internal token, operators and owners included', async () => {
    const internal: [string, string, unknown][] = [
      ['GET', `/internal/script-runs/${x}`, undefined],
      ['GET', `/internal/accounts/${x}/credentials`, undefined],
      ['POST', `/internal/accounts/${x}/lease`, { holder: 'h', ttlSeconds: 10 }],
      ['POST', `/internal/accounts/${x}/lease/renew`, { holder: 'h', ttlSeconds: 10 }],
      ['DELETE', `/internal/accounts/${x}/lease?holder=h`, undefined],
      ['POST', `/internal/accounts/${x}/status`, { status: 'banned' }],
      ['GET', '/internal/notification-bots', undefined],
      ['GET', `/internal/llm-profiles/${x}`, undefined],
    ];
    for (const [method, path, body] of internal) {
      for (const as of [null, 'owner'] as const) {
        const res = await h.api(method, path, { as, body });
        expect(res.status, `${as} ${method} ${path}`).toBe(404);
      }
      const wrong = await h.api(method, path, {
        as: null,
        body,
        headers: { 'x-internal-token': 'x'.repeat(36) },
      });
      expect(wrong.status, `wrong token ${method} ${path}`).toBe(404);
    }
    const ok = await h.internal('GET', '/internal/notification-bots');
    expect(ok.status).toBe(200);
  });
});
