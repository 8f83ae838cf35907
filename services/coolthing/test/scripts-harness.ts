/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of many services, read by tests */
import { expect } from 'vitest';
import { waitFor } from '@switchyard/testing';
import { systemTestEnv } from './system-env';

/** The services scripts mode needs, as `npm start` runs them (the worker entry is on demand). */
export const SCRIPTS_ENTRIES = [
  'gateway',
  'identity',
  'coolthing/telegram-sandbox',
  'coolthing/admin',
  'coolthing/scripts',
  'coolthing/scripts-watchdog',
  'coolthing/scripts-worker',
  'coolthing/scripts-watcher',
];

export const OWNER = { email: 'owner@scripts.test', password: 'a long enough owner password' };

/** Settings every scripts system test runs with: a fast sandbox clock, short leases and grace periods. */
export const SCALE = 300;
export const scriptsTestEnv: Record<string, string> = {
  ...systemTestEnv({ owner: OWNER, scale: SCALE, demo: true }),
  TIME_SCALE: String(SCALE),
  ENGAGEMENT_WINDOW_SECONDS: '300',
  LEASE_TTL_SECONDS: '3',
  LEASE_WAIT_SECONDS: '30',
  CONTROL_POLL_MS: '200',
  HEARTBEAT_SECONDS: '0.5',
  WORKER_RESTART_BACKOFF_MS: '300',
  WORKER_FINISH_GRACE_MS: '1500',
  WORKER_STOP_GRACE_MS: '5000',
  WATCHDOG_TICK_MS: '200',
  STALL_GRACE_SECONDS: '2',
  STALL_CHECK_SECONDS: '0.25',
};

export interface Line {
  lineNo: number;
  role: number;
  accountId: string;
  text: string;
  replyTo: { kind: 'none' } | { kind: 'previous' | 'line'; lineNo: number };
}

/** The system seen over HTTP through the gateway, as an operator and as the sandbox's god. */
export class ScriptsApi {
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
    const body = await this.call('POST', '/identity/login', OWNER);
    this.token = body.accessToken;
  }

  admin = (method: string, path: string, body?: unknown, expected?: number) =>
    this.call(method, `/coolthing/admin${path}`, body, expected);
  world = (method: string, path: string, body?: unknown) =>
    this.call(method, `/coolthing/telegram-sandbox${path}`, body);
  watcher = (path: string) => this.call('GET', `/coolthing/scripts-watcher${path}`);
  watchdog = (method: string, path: string, body?: unknown, expected?: number) =>
    this.call(method, `/coolthing/scripts-watchdog${path}`, body, expected);
  scripts = (path: string) => this.call('GET', `/coolthing/scripts${path}`);

  /** The admin's demo (script, campaign, three signed-in actors), once it is seeded. */
  async demo(): Promise<{
    scriptId: string;
    campaignId: string;
    mapping: Record<string, string>;
    chatIds: string[];
  }> {
    const demo = await waitFor(
      async () => {
        const d = await this.admin('GET', '/demo');
        return d.state === 'ready' ? d : null;
      },
      { timeoutMs: 60_000, intervalMs: 200, message: 'the admin demo' },
    );
    return demo.activation;
  }

  private chatNo = 0;
  /** New chats in the sandbox (with a few members), registered in admin as permitted. */
  async chats(n: number, tag: string): Promise<{ id: string; telegramId: string; title: string }[]> {
    const out = [];
    for (let i = 0; i < n; i++) {
      const suffix = `${tag}${++this.chatNo}${Date.now() % 100000}`.replace(/[^a-z0-9]/gi, '').toLowerCase();
      const title = `Scripts ${tag} ${this.chatNo}`;
      const chat = await this.world('POST', '/world/chats', {
        title,
        username: `st_${suffix}`.slice(0, 30),
        kind: 'supergroup',
        lang: 'en',
        members: 3,
      });
      const registered = await this.admin(
        'POST',
        '/chats',
        { username: chat.username, telegramId: chat.id, title, permission: 'permitted', language: 'en' },
        201,
      );
      out.push({ id: registered.id as string, telegramId: chat.id as string, title });
    }
    return out;
  }

  /**
   * Activates a run. Admin refuses accounts still playing in a run it has not seen end yet
   * (its projection of ScriptFinished may lag behind the watcher's): that alone is retried.
   */
  async activate(body: Record<string, unknown>): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await fetch(`${this.gateway}/api/coolthing/admin/script-runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(body),
      });
      const answer = await res.json();
      if (res.status === 201) return answer.id as string;
      const busyOnly =
        res.status === 422 &&
        answer.problems?.length &&
        answer.problems.every((p: any) => p.code === 'account_busy');
      if (!busyOnly || Date.now() > deadline)
        throw new Error(`activation answered ${res.status}: ${JSON.stringify(answer).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A chat's messages as the sandbox recorded them, oldest first. */
  async transcript(telegramId: string): Promise<any[]> {
    return (await this.world('GET', `/world/chats/${telegramId}/messages?limit=500`)).items;
  }

  async watcherRun(sfcId: string): Promise<any> {
    return this.watcher(`/runs/${sfcId}`);
  }

  async waitForRun(sfcId: string, status: string | string[], timeoutMs = 60_000): Promise<any> {
    const wanted = Array.isArray(status) ? status : [status];
    return waitFor(
      async () => {
        const run = await this.watcherRun(sfcId).catch(() => null);
        return run && wanted.includes(run.status) ? run : null;
      },
      { timeoutMs, intervalMs: 100, message: `run ${sfcId} ${wanted.join('/')}` },
    );
  }

  /** The plan the scripts service stored (lines with text and reply targets per chat). */
  async plan(sfcId: string): Promise<{ chats: { chatId: string; lines: Line[] }[] }> {
    return (await this.scripts(`/runs/${sfcId}`)).plan;
  }

  /** Account id → the username it posts under in the sandbox. */
  async usernames(accountIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of accountIds) out.set(id, (await this.admin('GET', `/accounts/${id}`)).username);
    return out;
  }

  async sandboxAccountId(username: string): Promise<string> {
    const { items } = await this.world('GET', '/world/accounts');
    const found = items.find((a: any) => a.username === username);
    if (!found) throw new Error(`no sandbox account ${username}`);
    return found.id;
  }
}

/**
 * The run's lines as each chat shows them: every planned line exactly once, in order, from
 * its role's account, with its text, answering the message its plan says.
 */
export async function expectPlayed(
  api: ScriptsApi,
  sfcId: string,
  chats: { id: string; telegramId: string }[],
): Promise<void> {
  const plan = await api.plan(sfcId);
  const accounts = [...new Set(plan.chats.flatMap((c) => c.lines.map((l) => l.accountId)))];
  const usernames = await api.usernames(accounts);
  for (const chat of chats) {
    const planned = plan.chats.find((c) => c.chatId === chat.id)!;
    const posted = await scriptMessages(api, chat.telegramId);
    expect(
      posted.map((m) => m.text),
      `chat ${chat.id}: every line once, in order`,
    ).toEqual(planned.lines.map((l) => l.text));
    planned.lines.forEach((line, i) => {
      expect(posted[i].sender.username, `chat ${chat.id} line ${line.lineNo}: sender`).toBe(
        usernames.get(line.accountId),
      );
      const target = line.replyTo.kind === 'none' ? null : posted[line.replyTo.lineNo - 1].id;
      expect(posted[i].replyToId, `chat ${chat.id} line ${line.lineNo}: reply target`).toBe(target);
    });
  }
}

/**
 * The accounts' messages in a chat, without branch answers (those answer a member's message;
 * sandbox members reply to script lines by themselves now and then).
 */
export async function scriptMessages(api: ScriptsApi, telegramId: string): Promise<any[]> {
  const all = await api.transcript(telegramId);
  const members = new Set(all.filter((m) => m.sender?.kind === 'member').map((m) => m.id));
  return all.filter((m) => m.sender?.kind === 'account' && !members.has(m.replyToId));
}
