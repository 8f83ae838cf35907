/* eslint-disable @typescript-eslint/no-explicit-any -- tests read JSON answers of many shapes */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, type EventDef, type PayloadOf } from '@switchyard/bus';
import { startTestSandbox } from '@switchyard/coolthing-telegram-sandbox/testing';
import { EmbeddedInfra, startService, type RunningService } from '@switchyard/kit';
import { callJson, startTestIssuer, type TestIssuer, waitFor } from '@switchyard/testing';
import { service as notifierService } from '../src/main';

export type Role = 'viewer' | 'operator' | 'admin' | 'owner' | 'user';

export const BOT_TOKEN = '7000000001:notifier-test-token_abc';
export const INTERNAL_TOKEN = 'notifier-test-internal-token-0123456789';

export interface SandboxMessage {
  id: number;
  text: string;
  sender: { id: string; kind: string } | null;
  date: string;
}

export interface Harness {
  notifier: RunningService;
  sandbox: RunningService;
  infra: EmbeddedInfra;
  issuer: TestIssuer;
  /** The admin chats the test bot is in: Russian (default) and English. */
  ruChat: string;
  enChat: string;
  botUserId: string;
  api<T = any>(
    method: string,
    path: string,
    options?: { as?: Role | null; body?: unknown },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  /** Publishes as another service would. */
  publish<E extends EventDef>(event: E, payload: PayloadOf<E>): Promise<string>;
  /** Publishes raw bytes (malformed messages). */
  publishRaw(exchange: string, routingKey: string, body: string): Promise<void>;
  world<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  messages(chatId: string): Promise<SandboxMessage[]>;
  /** Waits until the chat has more than `after` bot messages and returns the new ones. */
  botMessages(chatId: string, after?: number, timeoutMs?: number): Promise<SandboxMessage[]>;
  stop(): Promise<void>;
}

/**
 * The notifier and the real Telegram sandbox on one in-memory embedded infrastructure, a real
 * RS256 test issuer, and a notification bot registered in the sandbox (given to the notifier
 * through NOTIFIER_BOTS) that is a member of two admin chats.
 */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const issuer = await startTestIssuer();
  const dataDir = await mkdtemp(join(tmpdir(), 'coolthing-notifier-'));
  const infra = new EmbeddedInfra(undefined);
  const base = {
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    AUTH_JWKS_URL: issuer.jwksUrl,
    INTERNAL_API_TOKEN: INTERNAL_TOKEN,
  };
  const sandbox = await startTestSandbox(infra, { env: base });
  const world = sandbox.world;
  const ruChat = (
    await world('POST', '/world/chats', { title: 'Админы', isPrivate: true, isAdminChat: true, members: 0 })
  ).id;
  const enChat = (
    await world('POST', '/world/chats', {
      title: 'Admins EN',
      isPrivate: true,
      isAdminChat: true,
      members: 0,
      lang: 'en',
    })
  ).id;
  const bot = await world('POST', '/world/bots', {
    username: 'notifier_test_bot',
    token: BOT_TOKEN,
    chatIds: [ruChat, enChat],
  });

  const notifier = await startService(notifierService, {
    infra,
    env: {
      ...base,
      SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX: sandbox.url,
      NOTIFIER_BOTS: JSON.stringify([
        { id: 'test-bot', name: 'Test bot', token: BOT_TOKEN, adminChatIds: [ruChat, enChat] },
      ]),
      NOTIFIER_CHAT_LOCALES: JSON.stringify({ [enChat]: 'en' }),
      NOTIFIER_SANDBOX_BOT: 'false',
      NOTIFIER_BURST_QUIET_SECONDS: '0.4',
      NOTIFIER_BURST_WINDOW_SECONDS: '3',
      NOTIFIER_COMPOSE_INTERVAL_MS: '50',
      NOTIFIER_DELIVERY_RETRY_INITIAL_MS: '50',
      NOTIFIER_DELIVERY_ATTEMPTS: '3',
      NOTIFIER_BOT_MAX_RETRY_DELAY_SECONDS: '2',
      NOTIFIER_BOTS_CACHE_SECONDS: '0',
      ...env,
    },
  });

  const tokens = new Map<Role, string>();
  const token = async (role: Role) => {
    let t = tokens.get(role);
    if (!t) tokens.set(role, (t = await issuer.sign({ sub: `test-${role}`, roles: [role] })));
    return t;
  };
  const transport = await infra.transport();
  const bus = new Bus({ transport, service: 'probe' });
  const messages = async (chatId: string): Promise<SandboxMessage[]> =>
    (await world('GET', `/world/chats/${chatId}/messages?limit=500`)).items;
  const fromBot = async (chatId: string) =>
    (await messages(chatId)).filter((m) => m.sender?.id === String(bot.userId));

  return {
    notifier,
    sandbox: sandbox.service,
    infra,
    issuer,
    ruChat,
    enChat,
    botUserId: String(bot.userId),
    api: async (method, path, options = {}) => {
      const as = options.as === undefined ? 'owner' : options.as;
      return callJson<any>(method, `${notifier.url}${path}`, {
        body: options.body,
        headers: as ? { authorization: `Bearer ${await token(as)}` } : {},
      });
    },
    publish: async (event, payload) => (await bus.publish(event, payload)).id,
    publishRaw: async (exchange, routingKey, body) => {
      await transport.publish({
        exchange,
        routingKey,
        messageId: `raw-${Math.random().toString(36).slice(2)}`,
        body: Buffer.from(body),
        headers: {},
      });
    },
    world,
    messages,
    botMessages: async (chatId, after = 0, timeoutMs = 10_000) =>
      waitFor(
        async () => {
          const list = await fromBot(chatId);
          return list.length > after ? list.slice(after) : null;
        },
        { timeoutMs, message: `a bot message in chat ${chatId}` },
      ),
    stop: async () => {
      await notifier.stop();
      await sandbox.stop();
      await infra.close();
      await issuer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The text as an admin reads it in Telegram (HTML parse mode applied). */
export const readable = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|amp);/g, (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&amp;': '&' })[e]!);
