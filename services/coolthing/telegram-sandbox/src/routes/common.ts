import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { HttpProblem, requireRole, type AppEnv, z } from '@switchyard/kit';
import { SANDBOX_KEY_HEADER } from '@switchyard/contracts';
import { accountOfKey } from '../domain/auth';
import { RpcFailure, type Account } from '../domain/model';
import type { World } from '../domain/world';
import type { BotApi } from '../domain/bot-api';
import type { SandboxConfig } from '../config';

/** What every route of the sandbox works with. */
export interface Deps {
  world: World;
  bots: BotApi;
  config: SandboxConfig;
  /** Runs scheduled jobs and chatter now (after the clock moved). */
  tick(): void;
  /** Writes pending changes to the database now. */
  flush(): Promise<void>;
}

/** Telegram's answer as a problem: HTTP status = Telegram's error code, text in `rpc`. */
export function rpcProblem(f: RpcFailure): HttpProblem {
  const wait = /_WAIT_(\d+)$/.exec(f.text);
  return new HttpProblem(f.code, 'Telegram error', f.text, {
    type: 'https://switchyard.dev/problems/telegram-rpc',
    rpc: { code: f.code, text: f.text },
    ...(wait ? { headers: { 'Retry-After': wait[1]! } } : {}),
  });
}

/** Runs a world operation, turning Telegram failures into problem answers. */
export function telegram<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RpcFailure) throw rpcProblem(err);
    throw err;
  }
}

export const keyHashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** The client's session key from its header; never from the URL or the body. */
export function clientKey(c: Context<AppEnv>): string {
  const key = c.req.header(SANDBOX_KEY_HEADER);
  if (!key || !/^[A-Za-z0-9_-]{32,128}$/.test(key))
    throw rpcProblem(new RpcFailure(401, 'AUTH_KEY_UNREGISTERED'));
  return key;
}

/** The account signed in with the caller's key. */
export function clientAccount(c: Context<AppEnv>, deps: Deps): Account {
  const hash = keyHashOf(clientKey(c));
  return telegram(() => accountOfKey(deps.world, hash));
}

/** World control needs an operator unless the sandbox runs open (tests, local demos). */
export function requireControl(c: Context<AppEnv>, deps: Deps): void {
  if (deps.config.SANDBOX_CONTROL_AUTH === 'open') return;
  // Fellow services (the admin seeding its demo) prove themselves with the internal token.
  if (c.get('internal')) return;
  requireRole(c, 'owner', 'admin', 'operator');
}

export const clientHeaders = z.object({ [SANDBOX_KEY_HEADER]: z.string().max(200).optional() });

export const ChatIdParam = z.object({
  id: z
    .string()
    .regex(/^-?\d{1,20}$/)
    .max(21),
});
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const SenderSchema = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string().nullable(),
  kind: z.enum(['member', 'account', 'bot']),
});
export const WorldMessageSchema = z
  .object({
    chatId: z.string(),
    id: z.number().int(),
    sender: SenderSchema.nullable(),
    text: z.string(),
    date: z.string(),
    replyToId: z.number().int().nullable(),
  })
  .openapi('SandboxMessage');
export const WorldChatSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['group', 'supergroup', 'channel']),
    title: z.string(),
    username: z.string().nullable(),
    inviteLink: z.string().nullable(),
    isPrivate: z.boolean(),
    lang: z.enum(['ru', 'en']),
    topic: z.string().nullable(),
    membersCount: z.number().int(),
    slowModeSeconds: z.number().int(),
    chatterPerMinute: z.number(),
    isAdminChat: z.boolean(),
    messagesCount: z.number().int(),
    lastMessageAt: z.string().nullable(),
  })
  .openapi('SandboxChat');
export const WorldUserSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['member', 'account', 'bot']),
    username: z.string().nullable(),
    firstName: z.string(),
    lastName: z.string().nullable(),
    bio: z.string().nullable(),
    lang: z.enum(['ru', 'en']),
    persona: z.enum(['interested', 'neutral', 'question', 'opt_out', 'silent']),
    privacyRestricted: z.boolean(),
  })
  .openapi('SandboxUser');
export const WorldAccountSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    phone: z.string(),
    username: z.string().nullable(),
    name: z.string(),
    roleHint: z.enum(['parser', 'manager', 'actor']).nullable(),
    status: z.enum(['active', 'limited', 'banned']),
    bannedReason: z.string().nullable(),
    dmsSent: z.number().int(),
    twoFactor: z.boolean(),
    passwordHint: z.string().nullable(),
    floodWaitUntil: z.string().nullable(),
    signedInSessions: z.number().int(),
    chats: z.array(z.string()),
  })
  .openapi('SandboxAccount');
export const FaultSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    accountId: z.string().nullable(),
    chatId: z.string().nullable(),
    userId: z.string().nullable(),
    seconds: z.number().int().nullable(),
    afterDms: z.number().int().nullable(),
    operation: z.string(),
    remaining: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .openapi('SandboxFault');
