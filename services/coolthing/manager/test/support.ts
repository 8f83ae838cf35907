/* eslint-disable @typescript-eslint/no-explicit-any -- tests read JSON answers of many shapes */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, newId, on, type EventDef, type PayloadOf } from '@switchyard/bus';
import type { NewTargetMessage } from '@switchyard/contracts';
import {
  OutboundMessageRequested,
  OutboundMessageSent,
  ContactSuppressed,
  ContactUnsuppressed,
} from '@switchyard/contracts';
import {
  EmbeddedInfra,
  INTERNAL_TOKEN_HEADER,
  startService,
  type Infra,
  type RunningService,
} from '@switchyard/kit';
import type { Kysely } from '@switchyard/store';
import { startTestIssuer, waitFor, type TestIssuer } from '@switchyard/testing';
import { service as managerService } from '../src/main';
import type { InternalCampaign } from '../src/ports/campaigns';

export type Role = 'viewer' | 'operator' | 'admin' | 'owner' | 'user';
export const INTERNAL_TOKEN = 'manager-test-internal-token-0123456789';

/**
 * A contract fake of the admin's `GET /internal/campaigns/{id}`: campaigns the test sets, the
 * internal token required, every call recorded.
 */
export async function startFakeAdmin() {
  const campaigns = new Map<string, InternalCampaign>();
  const calls: string[] = [];
  let failing = false;
  const server: Server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    const m = /^\/internal\/campaigns\/([^/?]+)$/.exec(req.url ?? '');
    if (req.headers[INTERNAL_TOKEN_HEADER] !== INTERNAL_TOKEN || !m || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      return res.end(JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404 }));
    }
    if (failing) {
      res.writeHead(503, { 'content-type': 'application/problem+json' });
      return res.end(JSON.stringify({ title: 'Service unavailable', status: 503 }));
    }
    const campaign = campaigns.get(decodeURIComponent(m[1]!));
    if (!campaign) {
      res.writeHead(404, { 'content-type': 'application/problem+json' });
      return res.end(JSON.stringify({ title: 'Not found', status: 404, detail: 'Campaign not found.' }));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(campaign));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    campaigns,
    calls,
    set: (c: InternalCampaign) => void campaigns.set(c.id, c),
    fail: (on: boolean) => void (failing = on),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type FakeAdmin = Awaited<ReturnType<typeof startFakeAdmin>>;

/** A manager account as the campaign document lists it. */
export const account = (id: string, extra: Partial<InternalCampaign['accounts'][number]> = {}) => ({
  id,
  status: 'active' as const,
  username: null,
  telegramUserId: null,
  warmupStage: 9,
  floodWaitUntil: null,
  isReserve: false,
  countersDay: null,
  contactsToday: 0,
  messagesToday: 0,
  ...extra,
});

/** An active parser campaign that sends at once, any time, to accounts `acc-1` and `acc-2`. */
export function campaign(id: string, extra: Partial<InternalCampaign> = {}): InternalCampaign {
  return {
    id,
    name: `Campaign ${id}`,
    type: 'parser',
    status: 'active',
    schedule: { timezone: 'UTC', windows: [] },
    pacing: { newLeadDelaySeconds: { min: 0, max: 0 }, answerDelaySeconds: { min: 0, max: 0 } },
    caps: { perAccountPerDay: 100, perCampaignPerDay: 1000 },
    languages: ['en'],
    offerBrief: 'Hive Coworking: quiet desks 24/7 near the centre, from 9,000 a month.',
    welcomeTemplate: null,
    followUp: { enabled: false, afterHours: 24, maxFollowUps: 1 },
    approvalMode: 'auto',
    autoReply: true,
    llmProfile: null,
    accounts: [account('acc-1'), account('acc-2')],
    ...extra,
  };
}

let userSeq = 1000;

/** A parser match (NewTargetMessage payload). */
export function lead(campaignId: string, extra: Partial<PayloadOf<typeof NewTargetMessage>> = {}) {
  const user = String(++userSeq);
  return {
    worker_id: 'parser-1',
    campaign_id: campaignId,
    chat_id: '-1001',
    chat_title: 'Freelancers',
    message_id: userSeq,
    user_id: user,
    username: `user${user}`,
    first_name: 'Anna',
    last_name: 'Petrova',
    message: 'Does anyone know a quiet coworking?',
    matched_keywords: ['coworking'],
    language: 'en',
    sent_at: new Date().toISOString(),
    bio: 'Designer',
    ...extra,
  } satisfies PayloadOf<typeof NewTargetMessage>;
}

export interface Harness {
  manager: RunningService;
  admin: FakeAdmin;
  infra: Infra;
  issuer: TestIssuer;
  env: Record<string, string>;
  /** OutboundMessageRequested as the account workers would receive them. */
  requests: PayloadOf<typeof OutboundMessageRequested>[];
  /** Suppression events as the account workers would receive them. */
  suppressionEvents: { type: string; payload: any }[];
  api<T = any>(
    method: string,
    path: string,
    options?: { as?: Role | null; body?: unknown },
  ): Promise<{ status: number; body: T; text: string; headers: Headers }>;
  publish<E extends EventDef>(event: E, payload: PayloadOf<E>, id?: string): Promise<string>;
  /** The account worker's answer: the request was sent. */
  deliver(request: PayloadOf<typeof OutboundMessageRequested>, telegramMessageId?: number): Promise<void>;
  db(): Promise<Kysely<any>>;
  lead(id: string): Promise<any>;
  waitLead(id: string, check: (lead: any) => boolean, timeoutMs?: number): Promise<any>;
  leadIdOf(userId: string): Promise<string>;
  stop(): Promise<void>;
}

/** `infra`: the default is in-memory (PGlite, one connection); pass a ProcessInfra to test concurrency on Postgres. */
export async function startHarness(
  options: { env?: Record<string, string>; admin?: FakeAdmin; infra?: Infra } = {},
): Promise<Harness> {
  const issuer = await startTestIssuer();
  const admin = options.admin ?? (await startFakeAdmin());
  const dataDir = await mkdtemp(join(tmpdir(), 'coolthing-manager-'));
  const infra = options.infra ?? new EmbeddedInfra(undefined);
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    AUTH_JWKS_URL: issuer.jwksUrl,
    INTERNAL_API_TOKEN: INTERNAL_TOKEN,
    SERVICE_URL_COOLTHING_ADMIN: admin.url,
    MANAGER_TICK_MS: '50',
    MANAGER_JITTER_SECONDS: '0',
    MANAGER_CAMPAIGN_CACHE_SECONDS: '0',
    MANAGER_REPLY_BATCH_SECONDS: '0.3',
    MANAGER_RECHECK_SECONDS: '1',
    MANAGER_LLM_BACKOFF_MS: '50',
    MANAGER_LLM_BACKOFF_MAX_MS: '200',
    ...options.env,
  };
  const manager = await startService(managerService, { infra, env });
  const buses: Bus[] = [];
  const bus = async (service: string) => {
    const b = new Bus({ transport: await infra.transport(service), service });
    buses.push(b);
    return b;
  };
  const requests: PayloadOf<typeof OutboundMessageRequested>[] = [];
  const suppressionEvents: { type: string; payload: any }[] = [];
  const worker = await bus('bot');
  await worker.subscribe({
    name: 'probe-outbound',
    transactional: false,
    handlers: [on(OutboundMessageRequested, async (p) => void requests.push(p))],
  });
  await worker.subscribe({
    name: 'probe-suppression',
    transactional: false,
    handlers: [
      on(
        ContactSuppressed,
        async (p) => void suppressionEvents.push({ type: 'ContactSuppressed', payload: p }),
      ),
      on(
        ContactUnsuppressed,
        async (p) => void suppressionEvents.push({ type: 'ContactUnsuppressed', payload: p }),
      ),
    ],
  });
  const publisher = await bus('test');
  const tokens = new Map<Role, string>();
  const token = async (role: Role) => {
    let t = tokens.get(role);
    if (!t) tokens.set(role, (t = await issuer.sign({ sub: `test-${role}`, roles: [role] })));
    return t;
  };
  let database: Promise<Kysely<any>> | undefined;
  const db = () => (database ??= infra.database('coolthing_manager').then((d) => d.db as Kysely<any>));
  const h: Harness = {
    manager,
    admin,
    infra,
    issuer,
    env,
    requests,
    suppressionEvents,
    api: async (method, path, opts = {}) => {
      const as = opts.as === undefined ? 'operator' : opts.as;
      const res = await fetch(`${manager.url}${path}`, {
        method,
        headers: {
          ...(as ? { authorization: `Bearer ${await token(as)}` } : {}),
          ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
      const text = await res.text();
      let body: any = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* CSV and other text */
      }
      return { status: res.status, body, text, headers: res.headers };
    },
    publish: async (event, payload, id) => (await publisher.publish(event, payload, id ? { id } : {})).id,
    deliver: async (r, telegramMessageId = Math.floor(Math.random() * 1e6)) => {
      await (
        await bus('bot')
      ).publish(OutboundMessageSent, {
        outbound_id: r.outbound_id,
        lead_id: r.lead_id,
        campaign_id: r.campaign_id,
        account_id: r.account_id,
        user_id: r.user_id,
        telegram_message_id: telegramMessageId,
        text: r.text,
        sent_at: new Date().toISOString(),
      });
    },
    db,
    lead: async (id) => (await h.api('GET', `/leads/${id}`, { as: 'viewer' })).body,
    waitLead: (id, check, timeoutMs = 10_000) =>
      waitFor(
        async () => {
          const l = await h.lead(id);
          return check(l) ? l : null;
        },
        { timeoutMs, message: `lead ${id}` },
      ),
    leadIdOf: (userId) =>
      waitFor(
        async () => {
          const row = await (
            await db()
          )
            .selectFrom('leads')
            .select('id')
            .where('user_id', '=', userId)
            .executeTakeFirst();
          return row?.id as string | undefined;
        },
        { message: `a lead for user ${userId}` },
      ),
    stop: async () => {
      for (const b of buses) await b.stopConsuming().catch(() => undefined);
      await manager.stop();
      await infra.close();
      if (!options.admin) await admin.close();
      await issuer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return h;
}

export { newId, waitFor };
