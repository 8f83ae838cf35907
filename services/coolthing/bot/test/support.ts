/* eslint-disable @typescript-eslint/no-explicit-any -- tests read JSON answers of many shapes */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, newId, on, type EventDef, type PayloadOf } from '@switchyard/bus';
import {
  AccountBanned,
  AccountFloodWait,
  LeadOptedOut,
  LeadReplied,
  OutboundMessageFailed,
  OutboundMessageRequested,
  OutboundMessageSent,
} from '@switchyard/contracts';
import { startTestSandbox } from '@switchyard/coolthing-telegram-sandbox/testing';
import { EmbeddedInfra, INTERNAL_TOKEN_HEADER, startService, type RunningService } from '@switchyard/kit';
import type { Kysely } from '@switchyard/store';
import { waitFor } from '@switchyard/testing';
import { service as botService } from '../src/main';

export const INTERNAL_TOKEN = 'bot-test-internal-token-0123456789abc';

/**
 * A contract fake of the admin's internal account API: credentials, session leases (409 when
 * another holder has one), status reports recorded.
 */
export async function startFakeAdmin() {
  const sessions = new Map<string, string>();
  const leases = new Map<string, { holder: string; until: number }>();
  const statuses: { accountId: string; body: any }[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<any>((r) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => r(raw ? JSON.parse(raw) : undefined));
    });
  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, {
        'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (req.headers[INTERNAL_TOKEN_HEADER] !== INTERNAL_TOKEN)
      return send(404, { title: 'Not found', status: 404 });
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/internal\/accounts\/([^/]+)\/(credentials|lease|lease\/renew|status)$/.exec(url.pathname);
    if (!m) return send(404, { title: 'Not found', status: 404 });
    const id = decodeURIComponent(m[1]!);
    const body = await read(req);
    const now = Date.now();
    const lease = leases.get(id);
    switch (`${req.method} ${m[2]}`) {
      case 'GET credentials': {
        const session = sessions.get(id);
        return session
          ? send(200, { accountId: id, session, apiId: null, apiHash: null, proxy: null })
          : send(404, { status: 404 });
      }
      case 'POST lease':
        if (lease && lease.until > now && lease.holder !== body.holder)
          return send(409, { title: 'Conflict', status: 409, detail: `held by ${lease.holder}` });
        leases.set(id, { holder: body.holder, until: now + body.ttlSeconds * 1000 });
        return send(200, {
          accountId: id,
          holder: body.holder,
          expiresAt: new Date(now + body.ttlSeconds * 1000).toISOString(),
        });
      case 'POST lease/renew':
        if (!lease || lease.holder !== body.holder) return send(409, { title: 'Conflict', status: 409 });
        lease.until = now + body.ttlSeconds * 1000;
        return send(200, {
          accountId: id,
          holder: body.holder,
          expiresAt: new Date(lease.until).toISOString(),
        });
      case 'DELETE lease':
        if (lease?.holder === url.searchParams.get('holder')) leases.delete(id);
        return send(204);
      case 'POST status':
        statuses.push({ accountId: id, body });
        return send(200, {
          changed: true,
          account: {
            id,
            status: body.status,
            statusReason: body.reason ?? null,
            floodWaitUntil: body.until ?? null,
          },
        });
      default:
        return send(404, { status: 404 });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    sessions,
    leases,
    statuses,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export interface Recorded {
  sent: PayloadOf<typeof OutboundMessageSent>[];
  failed: PayloadOf<typeof OutboundMessageFailed>[];
  replies: PayloadOf<typeof LeadReplied>[];
  optOuts: PayloadOf<typeof LeadOptedOut>[];
  bans: PayloadOf<typeof AccountBanned>[];
  floods: PayloadOf<typeof AccountFloodWait>[];
}

/** The Telegram sandbox, a fake admin, and account workers started on demand on one embedded infrastructure. */
export async function startBotHarness(options: { botEnv?: Record<string, string>; timeScale?: number } = {}) {
  const scale = String(options.timeScale ?? 60);
  const dataDir = await mkdtemp(join(tmpdir(), 'coolthing-bot-'));
  const infra = new EmbeddedInfra(undefined);
  const base = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    INTERNAL_API_TOKEN: INTERNAL_TOKEN,
  };
  const sandbox = await startTestSandbox(infra, { env: base, timeScale: Number(scale) });
  const admin = await startFakeAdmin();
  const buses: Bus[] = [];
  const bus = async (service: string) => {
    const b = new Bus({ transport: await infra.transport(), service });
    buses.push(b);
    return b;
  };
  const recorded: Recorded = { sent: [], failed: [], replies: [], optOuts: [], bans: [], floods: [] };
  const manager = await bus('manager');
  await manager.subscribe({
    name: 'probe-deliveries',
    transactional: false,
    handlers: [
      on(OutboundMessageSent, async (p) => void recorded.sent.push(p)),
      on(OutboundMessageFailed, async (p) => void recorded.failed.push(p)),
      on(LeadReplied, async (p) => void recorded.replies.push(p)),
      on(LeadOptedOut, async (p) => void recorded.optOuts.push(p)),
    ],
  });
  await manager.subscribe({
    name: 'probe-accounts',
    transactional: false,
    handlers: [
      on(AccountBanned, async (p) => void recorded.bans.push(p)),
      on(AccountFloodWait, async (p) => void recorded.floods.push(p)),
    ],
  });
  const { world } = sandbox;
  let phoneSeq = 0;
  const workers: { running: RunningService; exits: number[] }[] = [];

  const h = {
    infra,
    sandbox: sandbox.service,
    admin,
    recorded,
    world,
    /** A manager account in the sandbox, signed in, its session known to the fake admin. */
    async account(): Promise<{ id: string; userId: string; worldId: string }> {
      const phone = `+7999555${String(++phoneSeq).padStart(4, '0')}`;
      const signed = await sandbox.signedInAccount(phone, { roleHint: 'manager' });
      const id = `acc-${newId().slice(-8)}`;
      admin.sessions.set(id, signed.session);
      return { id, userId: signed.userId, worldId: signed.worldId };
    },
    /** A simulated user (a lead). */
    user: (spec: Record<string, unknown> = {}) =>
      world<{ id: string; username: string | null }>('POST', '/world/users', { persona: 'silent', ...spec }),
    /** Starts the worker of one account (what the watchdog does). */
    async worker(accountId: string, env: Record<string, string> = {}) {
      const exits: number[] = [];
      const running = await startService(botService, {
        infra,
        env: {
          ...base,
          ACCOUNT_ID: accountId,
          SERVICE_URL_COOLTHING_ADMIN: admin.url,
          TELEGRAM_SANDBOX_URL: sandbox.url,
          BOT_TIME_SCALE: scale,
          BOT_TICK_MS: '50',
          BOT_LEASE_TTL_SECONDS: '3',
          BOT_LEASE_WAIT_SECONDS: '0',
          BOT_RETRY_DELAY_MS: '50',
          BOT_BANNED_DRAIN_SECONDS: '1.5',
          ...options.botEnv,
          ...env,
        },
        onExitRequest: (code) => void exits.push(code),
      });
      const w = { running, exits };
      workers.push(w);
      return w;
    },
    async request(
      payload: Partial<PayloadOf<typeof OutboundMessageRequested>> & { account_id: string; user_id: string },
    ) {
      const full = {
        outbound_id: newId(),
        lead_id: newId(),
        campaign_id: 'camp-1',
        username: null,
        text: 'Hello! We saw your message about coworking.',
        kind: 'offer' as const,
        not_before: new Date().toISOString(),
        ...payload,
      };
      await (await bus('manager')).publish(OutboundMessageRequested, full);
      return full;
    },
    publish: async <E extends EventDef>(event: E, payload: PayloadOf<E>) =>
      (await bus('manager')).publish(event, payload),
    /** The private messages between two sandbox users, oldest first. */
    async dialog(a: string, b: string) {
      const [x, y] = [Number(a), Number(b)].sort((p, q) => p - q);
      try {
        return (await world<{ items: any[] }>('GET', `/world/chats/d:${x}:${y}/messages`)).items;
      } catch {
        return [];
      }
    },
    db: async () => (await infra.database('coolthing_bot')).db as Kysely<any>,
    ready: (running: RunningService) =>
      waitFor(async () => (await running.checkReady()).ok, { timeoutMs: 10_000, message: 'worker ready' }),
    async stop() {
      for (const w of workers) await w.running.stop().catch(() => undefined);
      for (const b of buses) await b.stopConsuming().catch(() => undefined);
      await sandbox.stop();
      await admin.close();
      await infra.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

export type BotHarness = Awaited<ReturnType<typeof startBotHarness>>;

/** Events of the sandbox's live feed so far (typing and messages), read from its history. */
export async function worldEvents(sandboxUrl: string, ms = 300): Promise<{ event: string; data: any }[]> {
  const ctrl = new AbortController();
  const res = await fetch(`${sandboxUrl}/events`, { headers: { 'last-event-id': '0' }, signal: ctrl.signal });
  const chunks: string[] = [];
  const reader = res.body!.getReader();
  const timer = setTimeout(() => ctrl.abort(), ms);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value).toString());
    }
  } catch {
    /* aborted */
  }
  clearTimeout(timer);
  return chunks
    .join('')
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return event && data ? { event, data: JSON.parse(data) } : null;
    })
    .filter((e): e is { event: string; data: any } => e !== null);
}

export { newId, waitFor };
