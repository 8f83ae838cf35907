/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of many services, read by tests */
import type { Bus, PayloadOf } from '@switchyard/bus';
import type { NewTargetMessage } from '@switchyard/contracts';
import { LeadOptedOut, LeadReplied, OutboundMessageFailed, OutboundMessageSent } from '@switchyard/contracts';
import { defineService, on, type SubscriptionSpec, type WorkerRuntime } from '@switchyard/kit';
import { waitFor } from '@switchyard/testing';
import type { RegistryEntry } from '../../registry';
import { systemTestEnv } from './system-env';

/** The services Parser Mode needs until a parser exists (the bot entry is on demand: one worker per account); the notifier tells admins of leads. */
export const PARSER_MODE_ENTRIES = [
  'gateway',
  'identity',
  'coolthing/telegram-sandbox',
  'coolthing/admin',
  'coolthing/manager',
  'coolthing/notifier',
];

export const OWNER = { email: 'owner@parser-mode.test', password: 'a long enough owner password' };

/** Sandbox and account workers 60x faster: a 90 s gap between offers is 1.5 s. */
export const SCALE = 60;

export const parserModeEnv: Record<string, string> = {
  ...systemTestEnv({ owner: OWNER, scale: SCALE, demo: false }),
  NOTIFIER_BURST_WINDOW_SECONDS: '1',
  NOTIFIER_BURST_QUIET_SECONDS: '0.3',
  NOTIFIER_COMPOSE_INTERVAL_MS: '50',
  NOTIFIER_BOTS_CACHE_SECONDS: '0',
  MANAGER_TICK_MS: '100',
  MANAGER_JITTER_SECONDS: '0',
  MANAGER_CAMPAIGN_CACHE_SECONDS: '0.5',
  MANAGER_REPLY_BATCH_SECONDS: '0.5',
  MANAGER_RECHECK_SECONDS: '1',
  MANAGER_MESSAGES_PER_HOUR: '1000',
  MANAGER_REREQUEST_SECONDS: '5',
  BOT_TIME_SCALE: String(SCALE),
  BOT_JITTER_SECONDS: '0',
  BOT_TICK_MS: '100',
  BOT_LEASE_TTL_SECONDS: '3',
  BOT_LEASE_WAIT_SECONDS: '20',
  PARSER_TIME_SCALE: String(SCALE),
  PARSER_ASSIGNMENT_POLL_SECONDS: '0.5',
  PARSER_HEARTBEAT_SECONDS: '1',
  PARSER_JOIN_GAP_MS: '0',
  PARSER_LEASE_TTL_SECONDS: '3',
  PARSER_LEASE_WAIT_SECONDS: '20',
};

/** The demo world's manager accounts (the second has 2FA password `sandbox`). */
export const MANAGER_PHONES = ['+79992000001', '+79992000002'];

export interface Seen {
  sent: PayloadOf<typeof OutboundMessageSent>[];
  failed: PayloadOf<typeof OutboundMessageFailed>[];
  replies: PayloadOf<typeof LeadReplied>[];
  optOuts: PayloadOf<typeof LeadOptedOut>[];
}

/** Records what the account workers report, as the manager and the notifier receive it. */
export function probeSubscription(
  seen: Seen,
  onSent?: (sent: PayloadOf<typeof OutboundMessageSent>) => void,
): SubscriptionSpec {
  return {
    name: 'probe',
    transactional: false,
    handlers: [
      on(OutboundMessageSent, async (p) => {
        seen.sent.push(p);
        onSent?.(p);
      }),
      on(OutboundMessageFailed, async (p) => void seen.failed.push(p)),
      on(LeadReplied, async (p) => void seen.replies.push(p)),
      on(LeadOptedOut, async (p) => void seen.optOuts.push(p)),
    ],
  };
}

/**
 * The stand-in for the parser and the watchdog: a service whose context hands the test the bus
 * (to publish NewTargetMessage as the parser would) and, in embedded mode where it is one more
 * registry entry, the inline worker runtime (to start one bot worker per manager account, as
 * the watchdog will). In distributed mode it runs in the test process against RabbitMQ.
 */
export function embeddedProbe(
  options: { onSent?: (sent: PayloadOf<typeof OutboundMessageSent>) => void } = {},
) {
  const seen: Seen = { sent: [], failed: [], replies: [], optOuts: [] };
  const state: { bus?: Bus; workers?: WorkerRuntime } = {};
  const service = defineService({
    name: 'parser-mode-probe',
    title: 'Parser Mode test probe',
    setup: (ctx) => {
      state.bus = ctx.bus;
      state.workers = ctx.workers;
      return { subscriptions: [probeSubscription(seen, options.onSent)] };
    },
  });
  const entry: RegistryEntry = { id: 'test/parser-mode-probe', port: 0, load: async () => service };
  return { seen, state, entry, service };
}

/** A simulated user of the sandbox, as its control API answers. */
export interface SandboxUser {
  id: string;
  username: string;
  firstName: string;
}

/** The system over HTTP through the gateway, as its owner. */
export class ParserModeApi {
  private token = '';
  constructor(readonly gateway: string) {}

  async call(method: string, path: string, body?: unknown, expected?: number): Promise<any> {
    const res = await fetch(`${this.gateway}/api${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (expected !== undefined ? res.status !== expected : !res.ok)
      throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : undefined;
  }

  async login(): Promise<void> {
    const body = await waitFor(() => this.call('POST', '/identity/login', OWNER).catch(() => null), {
      timeoutMs: 30_000,
      message: 'the owner login',
    });
    this.token = body.accessToken;
  }

  admin = (method: string, path: string, body?: unknown, expected?: number) =>
    this.call(method, `/coolthing/admin${path}`, body, expected);
  manager = (method: string, path: string, body?: unknown, expected?: number) =>
    this.call(method, `/coolthing/manager${path}`, body, expected);
  world = (method: string, path: string, body?: unknown) =>
    this.call(method, `/coolthing/telegram-sandbox${path}`, body);

  /** Signs a sandbox account in through the admin's onboarding as a manager account. */
  async onboardManager(phone: string, password = 'sandbox'): Promise<{ id: string; telegramUserId: string }> {
    const started = await this.admin('POST', '/accounts/onboarding', { phone, role: 'manager' }, 201);
    const codes = await waitFor(async () => {
      const c = await this.world('GET', `/world/codes?phone=${phone.replace(/\D/g, '')}`);
      return c.items.length ? c.items : null;
    });
    const step = await this.admin('POST', `/accounts/onboarding/${started.id}/code`, {
      code: codes.at(-1).code,
    });
    const account =
      step.status === 'signed_in'
        ? step.account
        : (await this.admin('POST', `/accounts/onboarding/${started.id}/password`, { password })).account;
    return { id: account.id, telegramUserId: account.telegramUserId };
  }

  /** Signs a fresh sandbox account in through the admin's onboarding as a parser account; its id. */
  async onboardParser(phone: string): Promise<string> {
    await this.world('POST', '/world/accounts', { phone, roleHint: 'parser' });
    const started = await this.admin('POST', '/accounts/onboarding', { phone, role: 'parser' }, 201);
    const codes = await this.world('GET', `/world/codes?phone=${phone.replace(/\D/g, '')}`);
    const step = await this.admin('POST', `/accounts/onboarding/${started.id}/code`, {
      code: codes.items.at(-1).code,
    });
    if (step.status !== 'signed_in') throw new Error(`onboarding parser ${phone}: ${step.status}`);
    return step.account.id as string;
  }

  /** A parser campaign in auto mode that may send at any time, right away. */
  async campaign(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const c = await this.admin(
      'POST',
      '/campaigns',
      {
        name,
        type: 'parser',
        status: 'active',
        plusKeywords: ['coworking'],
        languages: ['en'],
        offerBrief: 'Hive Coworking: quiet desks 24/7 near the centre, from 9,000 a month. First day free.',
        approvalMode: 'auto',
        autoReply: true,
        schedule: {
          timezone: 'UTC',
          windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' }],
        },
        pacing: { newLeadDelaySeconds: { min: 0, max: 1 }, answerDelaySeconds: { min: 0, max: 1 } },
        caps: { perAccountPerDay: 100, perCampaignPerDay: 1000 },
        ...extra,
      },
      201,
    );
    return c.id as string;
  }

  assign = (accountId: string, campaignId: string) =>
    this.admin('PATCH', `/accounts/${accountId}`, { campaignId, warmupStage: 10 });

  /** A simulated user of the sandbox: a person who will become a lead. */
  async user(spec: Record<string, unknown> = {}): Promise<SandboxUser> {
    return this.world('POST', '/world/users', { persona: 'silent', lang: 'en', ...spec });
  }

  /** Private messages between two users as the sandbox recorded them, oldest first. */
  async dialog(a: string, b: string): Promise<any[]> {
    const [x, y] = [Number(a), Number(b)].sort((p, q) => p - q);
    try {
      return (await this.world('GET', `/world/chats/d:${x}:${y}/messages?limit=500`)).items;
    } catch {
      return [];
    }
  }

  /** Every private message an account sent, by recipient. */
  async dmsFrom(accountUserId: string): Promise<Map<string, string[]>> {
    const dialogs = await this.world('GET', `/world/dialogs?userId=${accountUserId}&limit=500`);
    const out = new Map<string, string[]>();
    for (const d of dialogs.items) {
      const other = d.userIds.find((u: string) => u !== accountUserId);
      const messages = (await this.world('GET', `/world/chats/${d.id}/messages?limit=500`)).items;
      out.set(
        other,
        messages.filter((m: any) => m.sender?.id === accountUserId).map((m: any) => m.text),
      );
    }
    return out;
  }

  async leadOf(userId: string, campaignId?: string): Promise<any> {
    const page = await this.manager(
      'GET',
      `/leads?userId=${userId}${campaignId ? `&campaignId=${campaignId}` : ''}`,
    );
    return page.items[0] ?? null;
  }

  waitLead(
    userId: string,
    check: (lead: any) => boolean,
    campaignId?: string,
    timeoutMs = 30_000,
  ): Promise<any> {
    return waitFor(
      async () => {
        const lead = await this.leadOf(userId, campaignId);
        return lead && check(lead) ? lead : null;
      },
      { timeoutMs, intervalMs: 200, message: `the lead of user ${userId}` },
    );
  }
}

/** A parser match for a sandbox user (NewTargetMessage payload). */
export function leadOf(
  campaignId: string,
  user: { id: string; username: string | null; firstName: string },
  extra: Partial<PayloadOf<typeof NewTargetMessage>> = {},
): PayloadOf<typeof NewTargetMessage> {
  return {
    worker_id: 'parser-stand-in',
    campaign_id: campaignId,
    chat_id: '-100777',
    chat_title: 'Remote Workers',
    message_id: Math.floor(Math.random() * 1e9),
    user_id: user.id,
    username: user.username,
    first_name: user.firstName,
    last_name: null,
    message: 'Does anyone know a quiet coworking with good wifi?',
    matched_keywords: ['coworking'],
    language: 'en',
    sent_at: new Date().toISOString(),
    bio: null,
    ...extra,
  };
}
