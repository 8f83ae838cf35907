import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_TOKEN_HEADER } from '@switchyard/kit';
import { startEmbedded, type EmbeddedSystem } from '@switchyard/runner';
import { startTestIssuer, waitFor, type TestIssuer } from '@switchyard/testing';
import { findEntry } from '../../../registry';

/** The registry entries as `npm start` runs them: gateway, sandbox and admin, wired by the runner. */
describe('admin behind the gateway, with the sandbox, as the runner wires them', () => {
  let system: EmbeddedSystem;
  let issuer: TestIssuer;
  let base: string;
  const internalToken = 'embedded-test-internal-token-0123456789';

  beforeAll(async () => {
    issuer = await startTestIssuer();
    system = await startEmbedded({
      entries: [findEntry('gateway'), findEntry('coolthing/telegram-sandbox'), findEntry('coolthing/admin')],
      ports: 'auto',
      env: {
        LOG_LEVEL: 'silent',
        AUTH_JWKS_URL: issuer.jwksUrl,
        SANDBOX_CONTROL_AUTH: 'open',
        SANDBOX_CHATTER: 'off',
        COOLTHING_DEMO: 'true',
        INTERNAL_API_TOKEN: internalToken,
      },
    });
    base = `${system.gatewayUrl}/api/coolthing/admin`;
  });
  afterAll(async () => {
    await system?.stop();
    await issuer?.close();
  });

  const as = async (role: string) => ({
    authorization: `Bearer ${await issuer.sign({ sub: `u-${role}`, roles: [role] })}`,
  });

  it('finds the sandbox by itself, seeds the demo and starts a run through the gateway', async () => {
    const demo = await waitFor(
      async () => {
        const res = await fetch(`${base}/demo`, { headers: await as('viewer') });
        const body = (await res.json()) as { state: string; activation: unknown };
        return body.state === 'ready' ? body : null;
      },
      { timeoutMs: 30_000, message: 'demo ready' },
    );
    const run = await fetch(`${base}/script-runs`, {
      method: 'POST',
      headers: { ...(await as('operator')), 'content-type': 'application/json' },
      body: JSON.stringify(demo.activation),
    });
    expect(run.status).toBe(201);
    const services = (await (await fetch(`${system.gatewayUrl}/api/system/services`)).json()) as unknown;
    expect(JSON.stringify(services)).toContain('/api/coolthing/admin');
  });

  it('never forwards the internal API, even with the internal token', async () => {
    const res = await fetch(`${base}/internal/notification-bots`, {
      headers: { [INTERNAL_TOKEN_HEADER]: internalToken },
    });
    expect(res.status).toBe(404);
    const admin = system.services.find((s) => s.name === 'admin')!;
    const direct = await fetch(`${admin.url}/internal/notification-bots`, {
      headers: { [INTERNAL_TOKEN_HEADER]: internalToken },
    });
    expect(direct.status).toBe(200);
  });
});
