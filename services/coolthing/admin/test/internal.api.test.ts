import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountBanned } from '@switchyard/contracts';
import {
  AccountCredentialsSchema,
  AccountStatusResultSchema,
  InternalCampaignSchema,
  SessionLeaseSchema,
} from '@switchyard/contracts/coolthing-admin';
import { sleep, waitFor } from '@switchyard/testing';
import { onboard, publishAs, startHarness, type Harness } from './support';

describe('the internal API for the scripts services', () => {
  let h: Harness;
  let account: { id: string };
  beforeAll(async () => {
    h = await startHarness();
    account = await onboard(h, '+79993000001');
  });
  afterAll(async () => h?.stop());

  it('hands out credentials with the proxy and application settings, to fellow services only', async () => {
    const patched = await h.api('PATCH', `/accounts/${account.id}`, {
      as: 'admin',
      body: {
        apiId: 12345,
        apiHash: '0123456789abcdef0123456789abcdef',
        proxy: {
          type: 'socks5',
          host: 'proxy.example',
          port: 1080,
          username: 'u',
          password: 'proxy-pass-xyz',
        },
      },
    });
    expect(patched.body).toMatchObject({
      apiId: 12345,
      apiHashSet: true,
      proxy: { type: 'socks5', host: 'proxy.example', port: 1080, username: 'u', secretSet: true },
    });
    expect(patched.text).not.toContain('proxy-pass-xyz');
    expect(patched.text).not.toContain('0123456789abcdef0123456789abcdef');
    // Changing only the port keeps the password.
    const port = await h.api('PATCH', `/accounts/${account.id}`, {
      as: 'admin',
      body: { proxy: { type: 'socks5', host: 'proxy.example', port: 1081, username: 'u' } },
    });
    expect(port.body.proxy).toMatchObject({ port: 1081, secretSet: true });
    const creds = await h.internal('GET', `/internal/accounts/${account.id}/credentials`);
    expect(creds.status).toBe(200);
    expect(creds.body).toMatchObject({
      accountId: account.id,
      session: expect.stringMatching(/^sandbox:1:/),
      apiId: 12345,
      apiHash: '0123456789abcdef0123456789abcdef',
      proxy: { type: 'socks5', host: 'proxy.example', port: 1081, username: 'u', password: 'proxy-pass-xyz' },
    });
    // What the workers' shared client validates against.
    expect(AccountCredentialsSchema.parse(creds.body).proxy).toMatchObject({ type: 'socks5' });
    expect((await h.internal('GET', '/internal/accounts/nope/credentials')).status).toBe(404);
    expect((await h.internal('GET', '/internal/script-runs/nope')).status).toBe(404);
    await h.api('PATCH', `/accounts/${account.id}`, { as: 'admin', body: { proxy: null, apiId: null } });
  });

  it('leases a session to one holder at a time', async () => {
    const path = `/internal/accounts/${account.id}/lease`;
    const first = await h.internal('POST', path, { holder: 'worker-a', ttlSeconds: 30 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      accountId: account.id,
      holder: 'worker-a',
      expiresAt: expect.any(String),
    });
    expect(SessionLeaseSchema.safeParse(first.body).success).toBe(true);
    const second = await h.internal('POST', path, { holder: 'worker-b', ttlSeconds: 30 });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      holder: 'worker-a',
      type: 'https://switchyard.dev/problems/session-lease-held',
    });
    expect((await h.internal('POST', path, { holder: 'worker-a', ttlSeconds: 30 })).status).toBe(200);
    const renewed = await h.internal('POST', `${path}/renew`, { holder: 'worker-a', ttlSeconds: 60 });
    expect(renewed.status).toBe(200);
    expect(new Date(renewed.body.expiresAt).getTime()).toBeGreaterThan(
      new Date(first.body.expiresAt).getTime(),
    );
    expect((await h.internal('POST', `${path}/renew`, { holder: 'worker-b', ttlSeconds: 60 })).status).toBe(
      409,
    );
    expect((await h.api('GET', `/accounts/${account.id}`, { as: 'viewer' })).body.lease).toMatchObject({
      holder: 'worker-a',
    });
    // Only the holder releases it.
    expect((await h.internal('DELETE', `${path}?holder=worker-b`)).status).toBe(204);
    expect((await h.internal('POST', path, { holder: 'worker-b', ttlSeconds: 1 })).status).toBe(409);
    expect((await h.internal('DELETE', `${path}?holder=worker-a`)).status).toBe(204);
    expect((await h.internal('POST', path, { holder: 'worker-b', ttlSeconds: 1 })).status).toBe(200);
    // An expired lease is free for the next worker.
    await sleep(1100);
    expect((await h.internal('POST', path, { holder: 'worker-c', ttlSeconds: 5 })).status).toBe(200);
    expect((await h.internal('POST', `${path}/renew`, { holder: 'worker-b', ttlSeconds: 5 })).status).toBe(
      409,
    );
    await h.internal('DELETE', `${path}?holder=worker-c`);
    expect(
      (await h.internal('POST', '/internal/accounts/nope/lease', { holder: 'x', ttlSeconds: 5 })).status,
    ).toBe(404);
    expect((await h.internal('POST', path, { holder: '', ttlSeconds: 5 })).status).toBe(400);
    expect((await h.internal('POST', path, { holder: 'x', ttlSeconds: 99999 })).status).toBe(400);
  });

  it('takes status reports from workers: flood waits end by themselves, bans stay', async () => {
    const path = `/internal/accounts/${account.id}/status`;
    expect((await h.internal('POST', path, { status: 'flood_wait' })).status).toBe(400);
    const until = new Date(Date.now() + 1500).toISOString();
    const wait = await h.internal('POST', path, { status: 'flood_wait', until, reason: 'FLOOD_WAIT_2' });
    expect(wait.body).toMatchObject({
      changed: true,
      account: { status: 'flood_wait', floodWaitUntil: until },
    });
    expect(AccountStatusResultSchema.safeParse(wait.body).success).toBe(true);
    await waitFor(async () => (await h.api('GET', `/accounts/${account.id}`)).body.status === 'active', {
      timeoutMs: 8000,
      message: 'the flood wait to end',
    });
    const audit = (
      await h.api('GET', `/audit?entityId=${account.id}&action=account.flood_wait_ended`, { as: 'admin' })
    ).body;
    expect(audit.items[0].actor).toMatchObject({ id: 'flood-wait-timer', kind: 'system' });

    expect(
      (await h.internal('POST', path, { status: 'limited', reason: 'PEER_FLOOD' })).body.account.status,
    ).toBe('limited');
    await publishAs(h, 'scripts-worker', AccountBanned, {
      worker_id: account.id,
      comment: 'USER_DEACTIVATED_BAN',
      replaced_by: null,
    });
    await waitFor(async () => (await h.api('GET', `/accounts/${account.id}`)).body.status === 'banned', {
      message: 'ban event',
    });
    const still = await h.internal('POST', path, { status: 'active' });
    expect(still.body).toMatchObject({ changed: false, account: { status: 'banned' } });
    expect(still.body.why).toMatch(/admin/);
    const lifted = await h.api('PATCH', `/accounts/${account.id}`, {
      as: 'admin',
      body: { status: 'active', statusReason: 'appeal accepted' },
    });
    expect(lifted.body).toMatchObject({ status: 'active', statusReason: 'appeal accepted' });
    expect((await h.internal('POST', '/internal/accounts/nope/status', { status: 'banned' })).status).toBe(
      404,
    );
  });

  it("serves a campaign in the manager's contract, flood-waiting accounts and LLM key included", async () => {
    const llm = await h.api('POST', '/llm-profiles', {
      as: 'admin',
      body: {
        name: 'Contract',
        baseUrl: 'http://127.0.0.1:11434/v1',
        model: 'llama3',
        apiKey: 'sk-contract',
      },
    });
    const campaign = await h.api('POST', '/campaigns', {
      as: 'operator',
      body: { name: 'Contract', type: 'parser', llmProfileId: llm.body.id },
    });
    expect(campaign.status).toBe(201);
    const manager = await onboard(h, '+79993000002', { role: 'manager' });
    expect(
      (
        await h.api('PATCH', `/accounts/${manager.id}`, {
          as: 'admin',
          body: { campaignId: campaign.body.id },
        })
      ).status,
    ).toBe(200);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await h.internal('POST', `/internal/accounts/${manager.id}/status`, { status: 'flood_wait', until });
    const res = await h.internal('GET', `/internal/campaigns/${campaign.body.id}`);
    expect(res.status).toBe(200);
    const doc = InternalCampaignSchema.parse(res.body);
    expect(doc.llmProfile).toMatchObject({ id: llm.body.id, apiKey: 'sk-contract' });
    expect(doc.accounts).toEqual([
      expect.objectContaining({ id: manager.id, status: 'flood_wait', floodWaitUntil: until }),
    ]);
    expect((await h.internal('GET', '/internal/campaigns/nope')).status).toBe(404);
  });
});
