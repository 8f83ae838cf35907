/* eslint-disable @typescript-eslint/no-explicit-any -- tests read JSON answers of many shapes */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, on, type PayloadOf } from '@switchyard/bus';
import {
  AccountBanned,
  AccountFloodWait,
  AccountWorkerHeartbeat,
  NewTargetMessage,
  ParserChatUnavailable,
} from '@switchyard/contracts';
import { service as adminService } from '@switchyard/coolthing-admin';
import { startTestSandbox } from '@switchyard/coolthing-telegram-sandbox/testing';
import { EmbeddedInfra, INTERNAL_TOKEN_HEADER, startService, type RunningService } from '@switchyard/kit';
import type { Kysely } from '@switchyard/store';
import { callJson, startTestIssuer, waitFor } from '@switchyard/testing';
import { service as parserService } from '../src/main';

export const INTERNAL_TOKEN = 'parser-test-internal-token-0123456789';

export interface Recorded {
  leads: PayloadOf<typeof NewTargetMessage>[];
  unavailable: PayloadOf<typeof ParserChatUnavailable>[];
  heartbeats: PayloadOf<typeof AccountWorkerHeartbeat>[];
  bans: PayloadOf<typeof AccountBanned>[];
  floods: PayloadOf<typeof AccountFloodWait>[];
}

export interface ParserAccount {
  /** The admin's account id (ACCOUNT_ID of the worker). */
  id: string;
  telegramUserId: string;
  /** The sandbox's account id (for injected faults). */
  worldId: string;
}

/**
 * The real Telegram sandbox and the real admin on one embedded infrastructure (PGlite, memory
 * bus), parser workers started on demand as the watchdog would, and a probe recording what
 * they publish.
 */
export async function startParserHarness(
  options: { parserEnv?: Record<string, string>; timeScale?: number } = {},
) {
  const scale = String(options.timeScale ?? 60);
  const issuer = await startTestIssuer();
  const dataDir = await mkdtemp(join(tmpdir(), 'coolthing-parser-'));
  const infra = new EmbeddedInfra(undefined);
  const base = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    INTERNAL_API_TOKEN: INTERNAL_TOKEN,
  };
  const sandbox = await startTestSandbox(infra, { env: base, timeScale: Number(scale) });
  const admin = await startService(adminService, {
    infra,
    env: {
      ...base,
      AUTH_JWKS_URL: issuer.jwksUrl,
      SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX: sandbox.url,
      COOLTHING_DEMO: 'false',
      ADMIN_FLOOD_SWEEP_SECONDS: '1',
    },
  });
  const ownerToken = await issuer.sign({ sub: 'test-owner', roles: ['owner'] });
  const buses: Bus[] = [];
  const recorded: Recorded = { leads: [], unavailable: [], heartbeats: [], bans: [], floods: [] };
  const probe = new Bus({ transport: await infra.transport(), service: 'probe' });
  buses.push(probe);
  await probe.subscribe({
    name: 'probe-leads',
    transactional: false,
    handlers: [on(NewTargetMessage, async (p) => void recorded.leads.push(p))],
  });
  await probe.subscribe({
    name: 'probe-workers',
    transactional: false,
    handlers: [
      on(ParserChatUnavailable, async (p) => void recorded.unavailable.push(p)),
      on(AccountWorkerHeartbeat, async (p) => void recorded.heartbeats.push(p)),
      on(AccountBanned, async (p) => void recorded.bans.push(p)),
      on(AccountFloodWait, async (p) => void recorded.floods.push(p)),
    ],
  });

  const call = (url: string, method: string, headers: Record<string, string>, body?: unknown) =>
    callJson<any>(method, url, { headers, body });
  const { world } = sandbox;
  const api = async <T = any>(
    method: string,
    path: string,
    body?: unknown,
    expected?: number,
  ): Promise<T> => {
    const res = await call(`${admin.url}${path}`, method, { authorization: `Bearer ${ownerToken}` }, body);
    if (expected !== undefined ? res.status !== expected : res.status >= 300)
      throw new Error(`admin ${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
    return res.body as T;
  };
  let phoneSeq = 0;
  const workers: { running: RunningService; exits: number[] }[] = [];

  const h = {
    infra,
    sandbox: sandbox.service,
    admin,
    recorded,
    world,
    api,
    internal: (method: string, path: string, body?: unknown) =>
      call(`${admin.url}${path}`, method, { [INTERNAL_TOKEN_HEADER]: INTERNAL_TOKEN }, body),
    /** A sandbox account signed in through the admin's onboarding with `role`. */
    async account(role: 'parser' | 'manager' = 'parser'): Promise<ParserAccount> {
      const phone = `+7999444${String(++phoneSeq).padStart(4, '0')}`;
      const created = await world('POST', '/world/accounts', { phone, roleHint: role });
      const started = await api('POST', '/accounts/onboarding', { phone, role }, 201);
      const step = await api('POST', `/accounts/onboarding/${started.id}/code`, {
        code: await sandbox.loginCode(phone),
      });
      if (step.status !== 'signed_in') throw new Error('2FA not expected');
      return {
        id: step.account.id,
        telegramUserId: step.account.telegramUserId,
        worldId: String(created.id),
      };
    },
    /** A sandbox chat with `members` simulated members. */
    chat: (spec: Record<string, unknown>) => world('POST', '/world/chats', { members: 0, ...spec }),
    /** A simulated user, member of `chatIds`. */
    user: (spec: Record<string, unknown> = {}) =>
      world<{ id: string; username: string | null }>('POST', '/world/users', { persona: 'silent', ...spec }),
    post: (chatId: string, userId: string, text: string) =>
      world('POST', `/world/chats/${chatId}/messages`, { userId, text }),
    /** Registers chats in the admin and creates an active parser campaign over them. */
    async campaign(spec: {
      chats: Record<string, unknown>[];
      plus: string[];
      minus?: string[];
      languages?: string[];
    }) {
      const ids: string[] = [];
      for (const chat of spec.chats) ids.push((await api('POST', '/chats', chat, 201)).id);
      const c = await api(
        'POST',
        '/campaigns',
        {
          name: `Parser ${Math.random().toString(36).slice(2, 8)}`,
          type: 'parser',
          status: 'active',
          targetChatIds: ids,
          plusKeywords: spec.plus,
          minusKeywords: spec.minus ?? [],
          languages: spec.languages ?? ['ru', 'en'],
        },
        201,
      );
      return { id: c.id as string, chatIds: ids };
    },
    assign: (accountId: string, campaignId: string | null) =>
      api('PATCH', `/accounts/${accountId}`, { campaignId }),
    /** Starts the worker of one account (what the watchdog does). */
    async worker(accountId: string, env: Record<string, string> = {}) {
      const exits: number[] = [];
      const running = await startService(parserService, {
        infra,
        env: {
          ...base,
          ACCOUNT_ID: accountId,
          SERVICE_URL_COOLTHING_ADMIN: admin.url,
          TELEGRAM_SANDBOX_URL: sandbox.url,
          PARSER_TIME_SCALE: scale,
          PARSER_LEASE_TTL_SECONDS: '3',
          PARSER_LEASE_WAIT_SECONDS: '0',
          PARSER_ASSIGNMENT_POLL_SECONDS: '0.3',
          PARSER_HEARTBEAT_SECONDS: '0.5',
          PARSER_JOIN_GAP_MS: '0',
          ...options.parserEnv,
          ...env,
        },
        onExitRequest: (code) => void exits.push(code),
      });
      const w = { running, exits };
      workers.push(w);
      return w;
    },
    async status(running: RunningService): Promise<any> {
      const res = await call(`${running.url}/internal/status`, 'GET', {
        [INTERNAL_TOKEN_HEADER]: INTERNAL_TOKEN,
      });
      if (res.status !== 200) throw new Error(`status: ${res.status}`);
      return res.body;
    },
    /** Waits until the worker watches `chats` chats (its assignment applied). */
    async watching(running: RunningService, chats: number) {
      return waitFor(
        async () => {
          const s = await h.status(running).catch(() => null);
          return s && s.state === 'running' && s.revision !== null && s.chatsWatched === chats ? s : null;
        },
        { timeoutMs: 15_000, message: `the worker watching ${chats} chats` },
      );
    },
    db: async () => (await infra.database('coolthing_parser')).db as Kysely<any>,
    async stop() {
      for (const w of workers) await w.running.stop().catch(() => undefined);
      for (const b of buses) await b.stopConsuming().catch(() => undefined);
      await admin.stop();
      await sandbox.stop();
      await infra.close();
      await issuer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

export type ParserHarness = Awaited<ReturnType<typeof startParserHarness>>;

export { waitFor };
