/* eslint-disable @typescript-eslint/no-explicit-any -- tests read JSON answers of many shapes */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, on, type EventDef, type PayloadOf } from '@switchyard/bus';
import { NewActiveScript, ScriptRunControl } from '@switchyard/contracts';
import { startTestSandbox } from '@switchyard/coolthing-telegram-sandbox/testing';
import { EmbeddedInfra, INTERNAL_TOKEN_HEADER, startService, type RunningService } from '@switchyard/kit';
import type { Kysely } from '@switchyard/store';
import { callJson, startTestIssuer, type TestIssuer, waitFor } from '@switchyard/testing';
import { service as adminService } from '../src/main';

export type Role = 'viewer' | 'operator' | 'admin' | 'owner' | 'user';

export const INTERNAL_TOKEN = 'test-internal-token-0123456789abcdef';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface Harness {
  admin: RunningService;
  sandbox: RunningService;
  infra: EmbeddedInfra;
  issuer: TestIssuer;
  /** The admin's environment, to start another instance over the same database. */
  adminEnv: Record<string, string>;
  /** Every response body the tests received, for secret scans. */
  seen: string[];
  api<T = any>(
    method: string,
    path: string,
    options?: { as?: Role | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse<T>>;
  internal<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
  /** The sandbox's world API as an operator (reads login codes). */
  world<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  /** The latest login code the sandbox sent to `phone`. */
  code(phone: string): Promise<string>;
  /** The admin's own database (outbox checks). */
  db(): Promise<Kysely<any>>;
  /** A bus client publishing as another service (workers, watcher). */
  bus(service: string): Promise<Bus>;
  stop(): Promise<void>;
}

/**
 * The admin and the real Telegram sandbox on one in-memory embedded infrastructure, with a
 * real RS256 test issuer for viewer/operator/admin/owner tokens.
 */
export async function startHarness(
  options: { env?: Record<string, string>; sandboxEnv?: Record<string, string> } = {},
): Promise<Harness> {
  const issuer = await startTestIssuer();
  const dataDir = await mkdtemp(join(tmpdir(), 'coolthing-admin-'));
  const infra = new EmbeddedInfra(undefined);
  const base = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    AUTH_JWKS_URL: issuer.jwksUrl,
    INTERNAL_API_TOKEN: INTERNAL_TOKEN,
  };
  const tokens = new Map<Role, string>();
  const token = async (role: Role) => {
    let t = tokens.get(role);
    if (!t) {
      t = await issuer.sign({ sub: `test-${role}`, roles: [role] });
      tokens.set(role, t);
    }
    return t;
  };
  const sandbox = await startTestSandbox(infra, {
    env: base,
    controlAuth: 'roles',
    worldToken: () => token('operator'),
    demoWorld: true,
    ...(options.sandboxEnv ? { sandboxEnv: options.sandboxEnv } : {}),
  });
  const adminEnv: Record<string, string> = {
    ...base,
    SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX: sandbox.url,
    COOLTHING_DEMO: 'false',
    ADMIN_FLOOD_SWEEP_SECONDS: '1',
    ...options.env,
  };
  const admin = await startService(adminService, { infra, env: adminEnv });
  const seen: string[] = [];
  const call = async (
    url: string,
    method: string,
    headers: Record<string, string>,
    body: unknown,
    record = true,
  ) => {
    const res = await callJson<any>(method, url, { headers, body });
    if (record) seen.push(`${method} ${url} ${res.status} ${[...res.headers].join(' ')} ${res.text}`);
    return res;
  };
  const buses: Bus[] = [];
  const harness: Harness = {
    admin,
    sandbox: sandbox.service,
    infra,
    issuer,
    adminEnv,
    seen,
    api: async (method, path, opts = {}) => {
      const as = opts.as === undefined ? 'owner' : opts.as;
      const headers = { ...(as ? { authorization: `Bearer ${await token(as)}` } : {}), ...opts.headers };
      return call(`${harness.admin.url}${path}`, method, headers, opts.body);
    },
    internal: (method, path, body) =>
      call(`${harness.admin.url}${path}`, method, { [INTERNAL_TOKEN_HEADER]: INTERNAL_TOKEN }, body, false),
    world: (method, path, body) => sandbox.world(method, path, body),
    code: (phone) => sandbox.loginCode(phone),
    db: async () => (await infra.database('coolthing_admin')).db as Kysely<any>,
    bus: async (service) => {
      const bus = new Bus({ transport: await infra.transport(), service });
      buses.push(bus);
      return bus;
    },
    stop: async () => {
      for (const b of buses) await b.stopConsuming().catch(() => undefined);
      await harness.admin.stop();
      await sandbox.stop();
      await infra.close();
      await issuer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Records NewActiveScript and ScriptRunControl as a fellow service would receive them. */
export async function scriptsProbe(h: Harness) {
  const got: { type: string; payload: any }[] = [];
  const bus = await h.bus('probe');
  await bus.subscribe({
    name: `scripts-${Math.random().toString(36).slice(2)}`,
    transactional: false,
    handlers: [
      on(NewActiveScript, async (p) => void got.push({ type: 'NewActiveScript', payload: p })),
      on(ScriptRunControl, async (p) => void got.push({ type: 'ScriptRunControl', payload: p })),
    ],
  });
  return {
    got,
    of: (type: string) => got.filter((g) => g.type === type),
    clear: () => void got.splice(0),
  };
}

export async function publishAs<E extends EventDef>(
  h: Harness,
  source: string,
  event: E,
  payload: PayloadOf<E>,
) {
  await (await h.bus(source)).publish(event, payload);
}

/** Signs in a sandbox account through the admin's onboarding (code, then password when asked). */
export async function onboard(
  h: Harness,
  phone: string,
  settings: Record<string, unknown> = { role: 'actor' },
  password?: string,
): Promise<any> {
  const started = await h.api('POST', '/accounts/onboarding', { body: { phone, ...settings } });
  if (started.status !== 201) throw new Error(`onboarding ${phone}: ${started.status} ${started.text}`);
  const step = await h.api('POST', `/accounts/onboarding/${started.body.id}/code`, {
    body: { code: await h.code(phone) },
  });
  if (step.status !== 200) throw new Error(`code ${phone}: ${step.status} ${step.text}`);
  if (step.body.status === 'signed_in') return step.body.account;
  const done = await h.api('POST', `/accounts/onboarding/${started.body.id}/password`, {
    body: { password },
  });
  if (done.status !== 200) throw new Error(`password ${phone}: ${done.status} ${done.text}`);
  return done.body.account;
}

/** The demo world's actors: three accounts without 2FA. */
export const ACTOR_PHONES = ['+79993000001', '+79993000002', '+79993000003'];

export const waitUntil = waitFor;
