/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of fakes and the sandbox */
import { createServer, type Server } from 'node:http';
import { buildRunPlan, type Script } from '@switchyard/coolthing-script';
import { INTERNAL_TOKEN_HEADER } from '@switchyard/kit';
import type {
  AccountCredentials,
  TelegramAccount,
  TelegramGateway,
  PendingSignIn,
} from '@switchyard/telegram';
import type { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';

export const TOKEN = 'worker-test-internal-token-0123456789';

/** A short 3-role script: six lines, a reply to an earlier line, a branch. */
export const shortScript: Script = {
  name: 'Short',
  language: 'en',
  roles: [
    { index: 1, name: 'A' },
    { index: 2, name: 'B' },
    { index: 3, name: 'C' },
  ],
  lines: [
    {
      role: 1,
      text: 'Anyone tried the new bakery on {{chat.title}} street?',
      delay: { min: 5, max: 10 },
      replyTo: { kind: 'none' },
      typing: 2,
    },
    {
      role: 2,
      text: 'Yes, the croissants are great.',
      delay: { min: 5, max: 10 },
      replyTo: { kind: 'previous' },
      typing: 2,
    },
    {
      role: 3,
      text: 'Too sweet for me.',
      delay: { min: 5, max: 10 },
      replyTo: { kind: 'previous' },
      typing: 2,
    },
    {
      role: 1,
      text: 'How are the prices?',
      delay: { min: 5, max: 10 },
      replyTo: { kind: 'line', line: 2 },
      typing: 2,
    },
    { role: 2, text: 'Fair enough.', delay: { min: 5, max: 10 }, replyTo: { kind: 'previous' }, typing: 2 },
    {
      role: 3,
      text: 'I will give it another go.',
      delay: { min: 5, max: 10 },
      replyTo: { kind: 'none' },
      typing: 2,
    },
  ],
};

export interface FakeAccount {
  accountId: string;
  session: string;
  username: string;
  userId: string;
  sandboxId: string;
}

/**
 * Admin, the scripts service and the watchdog as the worker sees them (their internal
 * contracts): plans, run control, credentials, leases with expiry, status reports.
 */
export async function fellowServices() {
  const plans = new Map<string, unknown>();
  const controls = new Map<string, 'run' | 'pause' | 'stop'>();
  const accounts = new Map<string, FakeAccount & { proxy?: unknown; apiId?: number; apiHash?: string }>();
  const leases = new Map<string, { holder: string; expires: number }>();
  const statusReports: { accountId: string; body: any }[] = [];
  const leaseCalls: { accountId: string; op: string; holder: string }[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    const url = new URL(req.url ?? '/', 'http://x');
    const reply = (status: number, json?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };
    if (req.headers[INTERNAL_TOKEN_HEADER] !== TOKEN) return reply(404, { status: 404 });
    let m;
    if ((m = /^\/internal\/runs\/([^/]+)\/plan$/.exec(url.pathname))) {
      const plan = plans.get(m[1]!);
      return plan ? reply(200, plan) : reply(404, { status: 404 });
    }
    if ((m = /^\/internal\/runs\/([^/]+)\/control$/.exec(url.pathname)))
      return reply(200, { sfcId: m[1], control: controls.get(m[1]!) ?? 'run', status: 'running' });
    if ((m = /^\/internal\/accounts\/([^/]+)\/credentials$/.exec(url.pathname))) {
      const a = accounts.get(m[1]!);
      if (!a) return reply(404, { status: 404 });
      return reply(200, {
        accountId: a.accountId,
        session: a.session,
        apiId: a.apiId ?? null,
        apiHash: a.apiHash ?? null,
        proxy: a.proxy ?? null,
      });
    }
    if ((m = /^\/internal\/accounts\/([^/]+)\/lease(\/renew)?$/.exec(url.pathname))) {
      const id = m[1]!;
      const now = Date.now();
      const held = leases.get(id);
      const holder = req.method === 'DELETE' ? url.searchParams.get('holder')! : body.holder;
      leaseCalls.push({
        accountId: id,
        op: req.method === 'DELETE' ? 'release' : m[2] ? 'renew' : 'lease',
        holder,
      });
      if (req.method === 'DELETE') {
        if (held?.holder === holder) leases.delete(id);
        return reply(204);
      }
      if (m[2]) {
        if (held?.holder !== holder) return reply(409, { status: 409, title: 'Conflict' });
      } else if (held && held.holder !== holder && held.expires > now)
        return reply(409, { status: 409, title: 'Conflict' });
      leases.set(id, { holder, expires: now + body.ttlSeconds * 1000 });
      return reply(200, {
        accountId: id,
        holder,
        expiresAt: new Date(now + body.ttlSeconds * 1000).toISOString(),
      });
    }
    if ((m = /^\/internal\/accounts\/([^/]+)\/status$/.exec(url.pathname))) {
      statusReports.push({ accountId: m[1]!, body });
      return reply(200, {
        changed: true,
        account: { id: m[1], status: body.status, statusReason: null, floodWaitUntil: null },
      });
    }
    return reply(404, { status: 404 });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    plans,
    controls,
    accounts,
    leases,
    leaseCalls,
    statusReports,
    /** Stores a plan as the scripts service would, for these chats and the accounts by role. */
    plan(
      runId: string,
      script: Script,
      chats: { chatId: string; title: string; ref: string; telegramId: string }[],
      roles: FakeAccount[],
    ) {
      const plan = buildRunPlan({
        script,
        chats: chats.map((c) => ({ chatId: c.chatId, title: c.title })),
        mapping: Object.fromEntries(
          roles.map((a, i) => [
            i + 1,
            { accountId: a.accountId, first_name: a.username, username: a.username },
          ]),
        ),
        seed: `seed-${runId}`,
        startAt: Date.now(),
        campaign: { name: 'Bakery' },
      });
      plans.set(runId, {
        sfcId: runId,
        campaignId: 'camp-1',
        scriptId: 'script-1',
        createdAt: new Date().toISOString(),
        plan,
        targets: chats.map((c) => ({
          chatId: c.chatId,
          ref: c.ref,
          title: c.title,
          telegramId: c.telegramId,
        })),
        accounts: roles.map((a, i) => ({
          accountId: a.accountId,
          role: i + 1,
          username: a.username,
          telegramUserId: a.userId,
        })),
      });
      return plan;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Account calls a test replaces (Telegram not answering, an answer lost on the way). */
export type AccountAlteration = (account: TelegramAccount) => Partial<TelegramAccount>;

/** The account with some calls replaced; every other call is the account's own. */
function altered(account: TelegramAccount, alter: AccountAlteration): TelegramAccount {
  const replaced: Partial<TelegramAccount> = alter(account);
  return new Proxy(account, {
    get(target, prop) {
      if (prop in replaced) return replaced[prop as keyof TelegramAccount];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The sandbox port, counting connections and keeping the credentials it was given. */
export class WatchedGateway implements TelegramGateway {
  readonly kind = 'sandbox' as const;
  readonly connects: AccountCredentials[] = [];
  constructor(
    readonly inner: SandboxTelegramGateway,
    private readonly alter?: AccountAlteration,
  ) {}
  sendCode(phone: string) {
    return this.inner.sendCode(phone);
  }
  signIn(pending: PendingSignIn, code: string) {
    return this.inner.signIn(pending, code);
  }
  checkPassword(pending: PendingSignIn, password: string) {
    return this.inner.checkPassword(pending, password);
  }
  importSession(session: string) {
    return this.inner.importSession(session);
  }
  async connect(credentials: AccountCredentials): Promise<TelegramAccount> {
    this.connects.push(credentials);
    const account = await this.inner.connect(credentials);
    return this.alter ? altered(account, this.alter) : account;
  }
  close() {
    return this.inner.close();
  }
}
