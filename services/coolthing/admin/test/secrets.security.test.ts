import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_TOKEN_HEADER } from '@switchyard/kit';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import { startTestIssuer, waitFor, type TestIssuer } from '@switchyard/testing';

const INTERNAL = 'secrets-test-internal-token-0123456789';

/**
 * Sessions, 2FA passwords, proxy passwords, API hashes, bot tokens and LLM keys must never
 * appear in the admin's logs (at trace level), in any public answer, or in any URL. The
 * services run in their own process so every line they write is captured and searched.
 */
describe('secrets stay secret', () => {
  let child: ChildProcess;
  let issuer: TestIssuer;
  let dataDir: string;
  let output = '';
  let adminUrl: string;
  let sandboxUrl: string;
  const answers: string[] = [];
  const urls: string[] = [];

  const call = async (method: string, path: string, body?: unknown, internal = false) => {
    const token = await issuer.sign({ sub: 'owner-1', roles: ['owner'] });
    const url = `${adminUrl}${path}`;
    urls.push(url);
    const res = await fetch(url, {
      method,
      headers: {
        ...(internal ? { [INTERNAL_TOKEN_HEADER]: INTERNAL } : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!internal) answers.push(`${res.status} ${[...res.headers].join(' ')} ${text}`);
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const codeOf = async (phone: string) => {
    const res = await fetch(`${sandboxUrl}/world/codes?phone=${phone.replace(/\D/g, '')}`);
    return ((await res.json()) as { items: { code: string }[] }).items.at(-1)!.code;
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    dataDir = await mkdtemp(join(tmpdir(), 'admin-secrets-'));
    child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./fixtures/serve.ts', import.meta.url))],
      {
        env: {
          ...process.env,
          LOG_LEVEL: 'trace',
          LOG_FORMAT: 'json',
          DATA_DIR: dataDir,
          AUTH_JWKS_URL: issuer.jwksUrl,
          INTERNAL_API_TOKEN: INTERNAL,
          SANDBOX_CONTROL_AUTH: 'open',
          SANDBOX_CHATTER: 'off',
          COOLTHING_DEMO: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const ready = await waitFor(() => /ADMIN_READY (\S+) (\S+)/.exec(output), {
      timeoutMs: 50_000,
      message: 'child',
    });
    adminUrl = ready[1]!;
    sandboxUrl = ready[2]!;
  });
  afterAll(async () => {
    child?.kill('SIGTERM');
    if (child) await new Promise((r) => child.once('exit', r));
    await issuer?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('never logs, returns or puts in a URL a session, a password, a token or a key', async () => {
    const secrets: string[] = [];
    // 2FA sign-in through the admin
    const phone = '+79992000002';
    const started = await call('POST', '/accounts/onboarding', {
      phone,
      role: 'manager',
      proxy: { type: 'http', host: 'proxy.test', port: 8080, username: 'pu', password: 'proxy-secret-pw' },
      apiId: 777,
      apiHash: 'fedcba9876543210fedcba9876543210',
    });
    secrets.push('proxy-secret-pw', 'fedcba9876543210fedcba9876543210');
    expect(started.status).toBe(201);
    const step = await call('POST', `/accounts/onboarding/${started.body.id}/code`, {
      code: await codeOf(phone),
    });
    expect(step.body.status).toBe('password_needed');
    await call('POST', `/accounts/onboarding/${started.body.id}/password`, { password: 'wrong-2fa-guess' });
    const done = await call('POST', `/accounts/onboarding/${started.body.id}/password`, {
      password: 'sandbox',
    });
    expect(done.status).toBe(200);
    secrets.push('wrong-2fa-guess');
    // an imported session
    const gateway = new SandboxTelegramGateway({ baseUrl: sandboxUrl });
    const other = '+79991000002';
    const signed = await gateway.signIn(await gateway.sendCode(other), await codeOf(other));
    if (signed.status !== 'signed_in') throw new Error('expected a session');
    const imported = await call('POST', '/accounts/import', { session: signed.session, role: 'parser' });
    expect(imported.status).toBe(201);
    await call('POST', `/accounts/${imported.body.id}/check`);
    secrets.push(signed.session.slice('sandbox:1:'.length));
    // a bot token and an LLM key
    await call('POST', '/notification-bots', { name: 'n', token: '42424242:bot-token-secret-value' });
    await call('POST', '/llm-profiles', {
      name: 'l',
      baseUrl: 'https://llm.test/v1',
      model: 'm',
      apiKey: 'llm-key-secret-value',
    });
    secrets.push('bot-token-secret-value', 'llm-key-secret-value');
    // the sessions the admin holds, including the demo actors' (read the way a worker does)
    await waitFor(async () => (await call('GET', '/demo')).body.state === 'ready', {
      timeoutMs: 20_000,
      message: 'demo',
    });
    const accounts = (await call('GET', '/accounts?limit=100')).body.items as { id: string }[];
    for (const a of accounts) {
      const creds = await call('GET', `/internal/accounts/${a.id}/credentials`, undefined, true);
      secrets.push(creds.body.session.slice('sandbox:1:'.length));
    }
    for (const path of [
      '/accounts?limit=100',
      '/audit?limit=100',
      '/notification-bots',
      '/llm-profiles',
      '/demo',
    ])
      await call('GET', path);
    await new Promise((r) => setTimeout(r, 300));

    expect(secrets.length).toBeGreaterThanOrEqual(8);
    expect(output).toContain('"service":"admin"'); // the admin's lines are being searched
    for (const secret of secrets) {
      expect(output, 'logs').not.toContain(secret);
      expect(answers.join('\n'), 'answers').not.toContain(secret);
      expect(urls.join('\n'), 'urls').not.toContain(secret);
    }
    expect(output).not.toMatch(/sandbox:1:[A-Za-z0-9_-]{20}/);
    expect(output).not.toMatch(/sandbox-pending:1:/);
  });
});
