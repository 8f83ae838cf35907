import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService } from '@switchyard/kit';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import { service as adminService } from '../src/main';
import { startHarness, type Harness } from './support';

describe('account onboarding through the Telegram sandbox', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ADMIN_ONBOARDING_MAX_ATTEMPTS: '3' } });
  });
  afterAll(async () => h?.stop());

  it('signs in with a login code and stores the session sealed, never showing it', async () => {
    const phone = '+79993000001';
    const started = await h.api('POST', '/accounts/onboarding', {
      body: { phone, role: 'actor', tags: ['team-a'], isReserve: true },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      phone,
      step: 'code',
      codeDelivery: 'sandbox',
      codeLength: 5,
      attemptsLeft: 3,
    });
    expect(JSON.stringify(started.body)).not.toMatch(/state|session/i);

    const step = await h.api('POST', `/accounts/onboarding/${started.body.id}/code`, {
      body: { code: await h.code(phone) },
    });
    expect(step.status).toBe(200);
    expect(step.body.status).toBe('signed_in');
    expect(step.body.created).toBe(true);
    const account = step.body.account;
    expect(account).toMatchObject({
      phone,
      role: 'actor',
      status: 'active',
      sessionSet: true,
      username: 'demo_actor_1',
      tags: ['team-a'],
      isReserve: true,
    });
    expect(account).not.toHaveProperty('session');
    expect((await h.api('GET', `/accounts/onboarding/${started.body.id}`)).body).toMatchObject({
      step: 'done',
      accountId: account.id,
    });

    const { body: creds } = await h.internal('GET', `/internal/accounts/${account.id}/credentials`);
    expect(creds.session).toMatch(/^sandbox:1:/);
    const db = await h.db();
    const row = await db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row.session_sealed).toMatch(/^v1\./);
    expect(row.session_sealed).not.toContain(creds.session.slice('sandbox:1:'.length));
    const onboardingRow = await db
      .selectFrom('onboardings')
      .selectAll()
      .where('id', '=', started.body.id)
      .executeTakeFirstOrThrow();
    expect(onboardingRow.state_sealed).toBeNull();
    // The session works: Telegram (the sandbox) knows whose it is.
    const me = await new SandboxTelegramGateway({ baseUrl: h.sandbox.url }).importSession(creds.session);
    expect(me.user.username).toBe('demo_actor_1');
    expect(h.seen.join('\n')).not.toContain(creds.session.slice('sandbox:1:'.length));
  });

  it('asks for the 2FA password, counts wrong ones, and finishes with the right one', async () => {
    const phone = '+79992000002';
    const started = await h.api('POST', '/accounts/onboarding', { body: { phone, role: 'manager' } });
    const step = await h.api('POST', `/accounts/onboarding/${started.body.id}/code`, {
      body: { code: await h.code(phone) },
    });
    expect(step.body).toMatchObject({
      status: 'password_needed',
      onboarding: { step: 'password', passwordHint: 'sandbox' },
    });
    const db = await h.db();
    const pending = await db
      .selectFrom('onboardings')
      .selectAll()
      .where('id', '=', started.body.id)
      .executeTakeFirstOrThrow();
    expect(pending.state_sealed).toMatch(/^v1\./);
    expect(pending.state_sealed).not.toContain('sandbox-pending');

    const wrong = await h.api('POST', `/accounts/onboarding/${started.body.id}/password`, {
      body: { password: 'nope' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ failure: 'password_invalid' });
    expect((await h.api('GET', `/accounts/onboarding/${started.body.id}`)).body).toMatchObject({
      attempts: 1,
      attemptsLeft: 2,
    });
    // The code step is over; sending a code again is a conflict, not a second sign-in.
    expect(
      (await h.api('POST', `/accounts/onboarding/${started.body.id}/code`, { body: { code: '12345' } }))
        .status,
    ).toBe(409);

    const done = await h.api('POST', `/accounts/onboarding/${started.body.id}/password`, {
      body: { password: 'sandbox' },
    });
    expect(done.status).toBe(200);
    expect(done.body.account).toMatchObject({
      role: 'manager',
      username: 'demo_manager_2',
      sessionSet: true,
    });
    expect(JSON.stringify(h.seen)).not.toContain('"password"');
  });

  it('abandons a sign-in after too many wrong codes, and refuses unknown phones', async () => {
    const phone = '+79991000001';
    const started = await h.api('POST', '/accounts/onboarding', { body: { phone, role: 'parser' } });
    for (let i = 0; i < 3; i++) {
      const res = await h.api('POST', `/accounts/onboarding/${started.body.id}/code`, {
        body: { code: '00000' },
      });
      expect(res.status).toBe(422);
      expect(res.body.failure).toBe('code_invalid');
    }
    expect((await h.api('GET', `/accounts/onboarding/${started.body.id}`)).body).toMatchObject({
      step: 'failed',
      failure: 'code_invalid',
    });
    const late = await h.api('POST', `/accounts/onboarding/${started.body.id}/code`, {
      body: { code: await h.code(phone) },
    });
    expect(late.status).toBe(409);

    const unknown = await h.api('POST', '/accounts/onboarding', {
      body: { phone: '+15550009999', role: 'actor' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.failure).toBe('phone_invalid');
    expect(
      (await h.api('POST', '/accounts/onboarding', { body: { phone: 'call me', role: 'actor' } })).status,
    ).toBe(400);
  });

  it('keeps the pending sign-in in the database: another instance finishes what one started', async () => {
    const second = await startService(adminService, { infra: h.infra, env: h.adminEnv });
    try {
      const phone = '+79993000002';
      const started = await h.api('POST', '/accounts/onboarding', { body: { phone, role: 'actor' } });
      const token = await h.issuer.sign({ sub: 'test-owner', roles: ['owner'] });
      const res = await fetch(`${second.url}/accounts/onboarding/${started.body.id}/code`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code: await h.code(phone) }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'signed_in', account: { username: 'demo_actor_2' } });
    } finally {
      await second.stop();
    }
  });

  it('imports an existing session (checked with Telegram) and refreshes the same account on a second import', async () => {
    const gateway = new SandboxTelegramGateway({ baseUrl: h.sandbox.url });
    const phone = '+79993000003';
    const pending = await gateway.sendCode(phone);
    const signed = await gateway.signIn(pending, await h.code(phone));
    if (signed.status !== 'signed_in') throw new Error('expected a signed-in session');
    const first = await h.api('POST', '/accounts/import', {
      body: { session: signed.session, role: 'actor', phone },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ username: 'demo_actor_3', sessionSet: true, phone });
    const again = await h.api('POST', '/accounts/import', {
      body: { session: signed.session, role: 'actor' },
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const key = signed.session.slice('sandbox:1:'.length);
    expect(h.seen.join('\n')).not.toContain(key);
    const bogus = await h.api('POST', '/accounts/import', {
      body: { session: 'sandbox:1:not-a-real-key-at-all', role: 'actor' },
    });
    expect(bogus.status).toBeGreaterThanOrEqual(400);
    expect(bogus.status).toBeLessThan(600);
  });

  it('checks a session with Telegram and records the account health', async () => {
    const account = (await h.api('GET', '/accounts?q=demo_actor_1')).body.items[0];
    const checked = await h.api('POST', `/accounts/${account.id}/check`, { as: 'admin' });
    expect(checked.status).toBe(200);
    expect(checked.body.health).toMatchObject({ checkedAt: expect.any(String), lastError: null });
    expect((await h.api('POST', `/accounts/${account.id}/check`, { as: 'operator' })).status).toBe(403);
  });

  it('cancels a sign-in and forgets its state', async () => {
    const started = await h.api('POST', '/accounts/onboarding', {
      body: { phone: '+79991000002', role: 'parser' },
    });
    const cancelled = await h.api('DELETE', `/accounts/onboarding/${started.body.id}`);
    expect(cancelled.body.step).toBe('cancelled');
    const row = await (
      await h.db()
    )
      .selectFrom('onboardings')
      .selectAll()
      .where('id', '=', started.body.id)
      .executeTakeFirstOrThrow();
    expect(row.state_sealed).toBeNull();
    expect(
      (await h.api('POST', `/accounts/onboarding/${started.body.id}/code`, { body: { code: '12345' } }))
        .status,
    ).toBe(409);
  });
});

describe('onboarding with MTProto', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { TELEGRAM_MODE: 'mtproto' } });
  });
  afterAll(async () => h?.stop());

  it('needs application credentials when no TELEGRAM_API_ID/TELEGRAM_API_HASH default is set', async () => {
    const res = await h.api('POST', '/accounts/onboarding', {
      body: { phone: '+15550001234', role: 'actor' },
    });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/TELEGRAM_API_ID/);
    const half = await h.api('POST', '/accounts/onboarding', {
      body: { phone: '+15550001234', role: 'actor', apiId: 1 },
    });
    expect(half.status).toBe(422);
  });
});
