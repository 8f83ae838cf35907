/* eslint-disable @typescript-eslint/no-explicit-any -- tests read JSON answers of many shapes */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, on } from '@switchyard/bus';
import { AccountBanned, AccountWorkerHeartbeat } from '@switchyard/contracts';
import { service as adminService } from '@switchyard/coolthing-admin';
import { startTestSandbox } from '@switchyard/coolthing-telegram-sandbox/testing';
import {
  EmbeddedInfra,
  INTERNAL_TOKEN_HEADER,
  startService,
  type RunningService,
  type WorkerExit,
  type WorkerHandle,
  type WorkerRuntime,
  type WorkerSpec,
} from '@switchyard/kit';
import { callJson, startTestIssuer, type TestIssuer } from '@switchyard/testing';
import { service as watchdogService } from '../src/main';

export const TOKEN = 'watchdog-test-internal-token-0123456789';

/** One worker the watchdog started: the test makes it exit, or watches it being stopped. */
export interface FakeWorker {
  spec: WorkerSpec;
  stopped: boolean;
  killed: boolean;
  ended: boolean;
  exit(e: WorkerExit): void;
}

/**
 * A worker runtime whose workers "run" until the test ends them (an exit code of
 * ACCOUNT_WORKER_EXIT, a crash) or the watchdog stops or kills them.
 */
export class FakeWorkers implements WorkerRuntime {
  readonly kind = 'inline' as const;
  readonly started: FakeWorker[] = [];

  async start(spec: WorkerSpec): Promise<WorkerHandle> {
    let settle!: (e: WorkerExit) => void;
    const exited = new Promise<WorkerExit>((r) => (settle = r));
    const worker: FakeWorker = {
      spec,
      stopped: false,
      killed: false,
      ended: false,
      exit: (e) => {
        worker.ended = true;
        settle(e);
      },
    };
    this.started.push(worker);
    return {
      name: spec.name,
      exited,
      stop: async () => {
        worker.stopped = true;
        worker.exit({ code: 0, signal: null });
      },
      kill: () => {
        worker.killed = true;
        worker.exit({ code: null, signal: 'SIGKILL' });
      },
    };
  }

  of(accountId: string): FakeWorker[] {
    return this.started.filter((s) => s.spec.env.ACCOUNT_ID === accountId);
  }

  /** Workers not ended yet. */
  live(accountId?: string): FakeWorker[] {
    return this.started.filter((s) => !s.ended && (!accountId || s.spec.env.ACCOUNT_ID === accountId));
  }
}

export interface World {
  infra: EmbeddedInfra;
  issuer: TestIssuer;
  admin: RunningService;
  sandbox: RunningService;
  bus: Bus;
  /** AccountBanned events as any service receives them. */
  bans: { worker_id: string; comment: string; replaced_by: string | null; source: string }[];
  dataDir: string;
  /** The sandbox's id of each account (for faults). */
  worldIds: Map<string, string>;
  /** Variables every service of the test gets (infrastructure, auth, internal token). */
  base: Record<string, string>;
  watchdogs: RunningService[];
  startWatchdog(env?: Record<string, string>, workers?: WorkerRuntime): Promise<RunningService>;
  api(
    method: string,
    url: string,
    options?: { roles?: string[] | null; body?: unknown },
  ): Promise<{ status: number; body: any }>;
  internal(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** A signed-in account of `role` (through the admin's onboarding against the sandbox). */
  account(
    role: 'parser' | 'manager',
    settings?: { campaignId?: string; isReserve?: boolean },
  ): Promise<string>;
  campaign(type?: 'parser' | 'scripts'): Promise<string>;
  heartbeat(accountId: string, role?: 'parser' | 'manager', holder?: string): Promise<void>;
  worker(svc: RunningService, accountId: string): Promise<any>;
  stop(): Promise<void>;
}

let phones = 0;

/** Sandbox, admin and the bus on one in-memory infrastructure; watchdogs started per test. */
export async function startWorld(): Promise<World> {
  const issuer = await startTestIssuer();
  const dataDir = await mkdtemp(join(tmpdir(), 'coolthing-watchdog-'));
  const infra = new EmbeddedInfra(undefined);
  const base = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    AUTH_JWKS_URL: issuer.jwksUrl,
    INTERNAL_API_TOKEN: TOKEN,
  };
  const sandbox = await startTestSandbox(infra, {
    env: base,
    controlAuth: 'roles',
    worldToken: () => issuer.sign({ sub: 'test-operator', roles: ['operator'] }),
  });
  const admin = await startService(adminService, {
    infra,
    env: { ...base, SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX: sandbox.url, COOLTHING_DEMO: 'false' },
  });
  const bus = new Bus({ transport: await infra.transport(), service: 'watchdog-test' });
  const bans: World['bans'] = [];
  await bus.subscribe({
    name: 'bans',
    transactional: false,
    handlers: [on(AccountBanned, async (p, h) => void bans.push({ ...p, source: h.envelope.source }))],
  });
  const call = (method: string, url: string, headers: Record<string, string>, body?: unknown) =>
    callJson<any>(method, url, { headers, body });
  const bearer = async (roles: string[] | null): Promise<Record<string, string>> =>
    roles ? { authorization: `Bearer ${await issuer.sign({ sub: 'test-user', roles })}` } : {};
  const world: World = {
    infra,
    issuer,
    admin,
    sandbox: sandbox.service,
    bus,
    bans,
    dataDir,
    worldIds: new Map(),
    base,
    watchdogs: [],
    startWatchdog: async (env = {}, workers) => {
      const svc = await startService(watchdogService, {
        infra,
        workers,
        env: {
          ...base,
          SERVICE_URL_COOLTHING_ADMIN: admin.url,
          WATCHDOG_INSTANCE_ID: 'wd-test',
          WATCHDOG_POLL_MS: '100',
          WATCHDOG_TICK_MS: '50',
          WORKER_RESTART_BACKOFF_MS: '100',
          WORKER_REPLACE_RETRY_MS: '200',
          // WATCHDOG_TEST_LOG=debug shows what the watchdog did.
          LOG_LEVEL: process.env.WATCHDOG_TEST_LOG ?? 'silent',
          ...env,
        },
      });
      world.watchdogs.push(svc);
      return svc;
    },
    api: async (method, url, options = {}) =>
      call(method, url, await bearer(options.roles === undefined ? ['owner'] : options.roles), options.body),
    internal: (method, path, body) =>
      call(method, `${admin.url}${path}`, { [INTERNAL_TOKEN_HEADER]: TOKEN }, body),
    account: async (role, settings = {}) => {
      const phone = `+7999${String(process.pid % 1000).padStart(3, '0')}${String(++phones).padStart(4, '0')}`;
      const created = await sandbox.world('POST', '/world/accounts', { phone });
      const started = await world.api('POST', `${admin.url}/accounts/onboarding`, { body: { phone, role } });
      if (started.status !== 201)
        throw new Error(`onboarding ${phone}: ${started.status} ${JSON.stringify(started.body)}`);
      const code = await sandbox.loginCode(phone);
      const step = await world.api('POST', `${admin.url}/accounts/onboarding/${started.body.id}/code`, {
        body: { code },
      });
      if (step.body?.status !== 'signed_in')
        throw new Error(`sign-in ${phone}: ${step.status} ${JSON.stringify(step.body)}`);
      const id: string = step.body.account.id;
      world.worldIds.set(id, String(created.id));
      if (Object.keys(settings).length) {
        const patched = await world.api('PATCH', `${admin.url}/accounts/${id}`, {
          roles: ['admin'],
          body: settings,
        });
        if (patched.status !== 200)
          throw new Error(`patch ${id}: ${patched.status} ${JSON.stringify(patched.body)}`);
      }
      return id;
    },
    campaign: async (type = 'parser') => {
      const res = await world.api('POST', `${admin.url}/campaigns`, {
        roles: ['operator'],
        body: { name: `Campaign ${++phones}`, type, status: 'active' },
      });
      if (res.status !== 201) throw new Error(`campaign: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id;
    },
    heartbeat: async (accountId, role = 'parser', holder = `parser:${accountId}:1`) => {
      await bus.publish(AccountWorkerHeartbeat, {
        account_id: accountId,
        role,
        holder,
        state: 'running',
        campaigns: 1,
        chats_watched: 2,
        chats_unavailable: 0,
        messages_seen: 0,
        leads: 0,
        at: new Date().toISOString(),
      });
    },
    worker: async (svc, accountId) =>
      (await world.api('GET', `${svc.url}/workers/${accountId}`, { roles: ['viewer'] })).body,
    stop: async () => {
      for (const svc of world.watchdogs.splice(0)) await svc.stop();
      await bus.stopConsuming();
      await admin.stop();
      await sandbox.stop();
      await infra.close();
      await issuer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}
