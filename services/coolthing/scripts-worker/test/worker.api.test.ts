import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from '@switchyard/bus';
import {
  AccountBanned,
  ChatSkipped,
  ScriptFinished,
  ScriptHeartbeat,
  ScriptLineSent,
  ScriptLineSkipped,
  ScriptLineUnconfirmed,
  ScriptStarted,
} from '@switchyard/contracts';
import { EmbeddedInfra, on, startService, type RunningService } from '@switchyard/kit';
import type { Kysely } from '@switchyard/store';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import { sleep, waitFor } from '@switchyard/testing';
import { service as sandboxService } from '../../telegram-sandbox/src/main';
import type { WorkerDB } from '../src/db';
import { createWorkerService } from '../src/main';
import { fellowServices, shortScript, TOKEN, WatchedGateway, type FakeAccount } from './support';

const SCALE = 200;

describe('scripts-worker against the sandbox', () => {
  let infra: EmbeddedInfra;
  let sandbox: RunningService;
  let fellows: Awaited<ReturnType<typeof fellowServices>>;
  let bus: Bus;
  let dataDir: string;
  let accounts: FakeAccount[];
  const events: { type: string; payload: any; at: number }[] = [];
  const workers: RunningService[] = [];

  const world = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : ((await res.json()) as any);
  };

  let chatNo = 0;
  const newChats = async (n: number) => {
    const out = [];
    for (let i = 0; i < n; i++) {
      const chat = await world('POST', '/world/chats', {
        title: `Bakery ${++chatNo}`,
        username: `bakery_chat_${chatNo}_${Date.now() % 100000}`,
        lang: 'en',
        members: 2,
      });
      out.push({
        chatId: `chat-${chatNo}`,
        title: chat.title,
        ref: `@${chat.username}`,
        telegramId: chat.id as string,
      });
    }
    return out;
  };

  /** Starts a worker for `runId` as the watchdog would; resolves its exit code when it asks to end. */
  const startWorker = async (runId: string, attempt = 1, env: Record<string, string> = {}) => {
    const gateway = new WatchedGateway(new SandboxTelegramGateway({ baseUrl: sandbox.url }));
    let exitCode!: (code: number) => void;
    const exited = new Promise<number>((r) => (exitCode = r));
    const worker: RunningService = await startService(createWorkerService({ gateway: () => gateway }), {
      infra,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.WORKER_TEST_LOG ?? 'silent',
        DATA_DIR: dataDir,
        INTERNAL_API_TOKEN: TOKEN,
        SERVICE_URL_COOLTHING_ADMIN: fellows.url,
        SERVICE_URL_COOLTHING_SCRIPTS: fellows.url,
        SERVICE_URL_COOLTHING_SCRIPTS_WATCHDOG: fellows.url,
        TELEGRAM_SANDBOX_URL: sandbox.url,
        RUN_ID: runId,
        RUN_ATTEMPT: String(attempt),
        TIME_SCALE: String(SCALE),
        ENGAGEMENT_WINDOW_SECONDS: '20',
        LEASE_TTL_SECONDS: '2',
        CONTROL_POLL_MS: '100',
        HEARTBEAT_SECONDS: '0.2',
        ...env,
      },
      onExitRequest: (code) => {
        exitCode(code);
        void worker.stop();
      },
    });
    workers.push(worker);
    return { worker, gateway, exited };
  };

  const posted = async (telegramId: string) =>
    (await world('GET', `/world/chats/${telegramId}/messages?limit=200`)).items.filter(
      (m: any) => m.sender?.kind === 'account',
    );
  const of = (runId: string, type: string) =>
    events.filter((e) => e.payload.sfc_id === runId && e.type === type);
  /** The worker asked to end; its last events are still on their way through the outbox. */
  const finishedOf = (runId: string) =>
    waitFor(() => of(runId, 'ScriptFinished')[0], { message: `ScriptFinished of ${runId}` });
  const workerDb = async () => (await infra.database('coolthing_scripts_worker')).db as Kysely<WorkerDB>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'worker-test-'));
    infra = new EmbeddedInfra(undefined);
    fellows = await fellowServices();
    sandbox = await startService(sandboxService, {
      infra,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        SANDBOX_CONTROL_AUTH: 'open',
        SANDBOX_DEMO_WORLD: 'false',
        SANDBOX_CHATTER: 'off',
        SANDBOX_TIME_SCALE: String(SCALE),
      },
    });
    bus = new Bus({ transport: await infra.transport(), service: 'worker-test' });
    const record = (type: string) => async (payload: unknown) =>
      void events.push({ type, payload, at: Date.now() });
    await bus.subscribe({
      name: 'seen',
      handlers: [
        on(ScriptStarted, record('ScriptStarted')),
        on(ScriptLineSent, record('ScriptLineSent')),
        on(ScriptLineSkipped, record('ScriptLineSkipped')),
        on(ScriptLineUnconfirmed, record('ScriptLineUnconfirmed')),
        on(ChatSkipped, record('ChatSkipped')),
        on(ScriptFinished, record('ScriptFinished')),
        on(ScriptHeartbeat, record('ScriptHeartbeat')),
        on(AccountBanned, record('AccountBanned')),
      ],
    });
    // Three accounts signed in to the sandbox; admin hands their sessions out.
    const signIn = new SandboxTelegramGateway({ baseUrl: sandbox.url });
    accounts = [];
    for (const [i, username] of ['baker_anna', 'baker_max', 'baker_olga'].entries()) {
      const phone = `+7901555000${i}`;
      const created = await world('POST', '/world/accounts', {
        phone,
        username,
        firstName: username,
        roleHint: 'actor',
      });
      const pending = await signIn.sendCode(phone);
      const code = (await world('GET', `/world/codes?phone=${encodeURIComponent(phone)}`)).items.at(-1).code;
      const signed = await signIn.signIn(pending, code);
      if (signed.status !== 'signed_in') throw new Error('sign-in');
      const account = {
        accountId: `acc-${i + 1}`,
        session: signed.session,
        username,
        userId: created.userId,
        sandboxId: created.id,
      };
      accounts.push(account);
      fellows.accounts.set(account.accountId, {
        ...account,
        apiId: 12345,
        apiHash: '0123456789abcdef0123456789abcdef',
        // No user:pass (the original's proxy regex insisted on one).
        ...(i === 0 ? { proxy: { type: 'socks5', host: 'proxy.example', port: 1080 } } : {}),
      });
    }
    await signIn.close();
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    await world('DELETE', '/world/faults');
  });
  afterAll(async () => {
    await bus?.stopConsuming();
    await sandbox?.stop();
    await fellows?.close();
    await infra?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('joins, keeps one connection per account, threads replies by line number, and ends the run', async () => {
    const chats = await newChats(2);
    for (const c of chats) {
      const members = await world('GET', `/world/chats/${c.telegramId}/members`);
      expect(members.items.map((u: any) => u.id)).not.toContain(accounts[0]!.userId);
    }
    const plan = fellows.plan('run-play', shortScript, chats, accounts);
    const { gateway, exited } = await startWorker('run-play');
    expect(await exited).toBe(0);
    await finishedOf('run-play');
    // One connection per account for the whole run (the original connected for every message),
    // with the session and proxy exactly as admin gave them (its retry passed app_hash as session).
    expect(gateway.connects.map((c) => c.accountId).sort()).toEqual(['acc-1', 'acc-2', 'acc-3']);
    const anna = gateway.connects.find((c) => c.accountId === 'acc-1')!;
    expect(anna).toEqual({
      accountId: 'acc-1',
      session: accounts[0]!.session,
      apiId: 12345,
      apiHash: '0123456789abcdef0123456789abcdef',
      proxy: { type: 'socks5', host: 'proxy.example', port: 1080 },
    });
    for (const chat of chats) {
      const lines = plan.chats.find((c) => c.chatId === chat.chatId)!.lines;
      const messages = await posted(chat.telegramId);
      expect(messages.map((m: any) => m.text)).toEqual(lines.map((l) => l.text));
      expect(messages.map((m: any) => m.sender.username)).toEqual([
        'baker_anna',
        'baker_max',
        'baker_olga',
        'baker_anna',
        'baker_max',
        'baker_olga',
      ]);
      expect(messages.map((m: any) => m.replyToId)).toEqual([
        null,
        messages[0].id,
        messages[1].id,
        messages[1].id,
        messages[3].id,
        null,
      ]);
      // The accounts joined the chat before posting (the original never joined).
      const members = await world('GET', `/world/chats/${chat.telegramId}/members`);
      for (const a of accounts) expect(members.items.map((u: any) => u.id)).toContain(a.userId);
    }
    const sent = of('run-play', 'ScriptLineSent').filter((e) => e.payload.chat_id === chats[0]!.chatId);
    expect(sent.map((e) => e.payload.line_no)).toEqual([1, 2, 3, 4, 5, 6]);
    // Each event carries its own time (the original stamped every event with the process start).
    const times = sent.map((e) => Date.parse(e.payload.sent_at));
    expect(new Set(times).size).toBe(6);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(of('run-play', 'ScriptStarted').map((e) => e.payload.attempt)).toEqual([1]);
    expect(of('run-play', 'ScriptFinished')[0]!.payload).toMatchObject({ status: 'done', problems: [] });
    // Leases were taken by this worker, renewed, and given back at the end.
    const ops = fellows.leaseCalls.filter((c) => c.accountId === 'acc-1');
    expect(ops[0]).toEqual({ accountId: 'acc-1', op: 'lease', holder: 'scripts-worker:run-play:1' });
    expect(ops.at(-1)!.op).toBe('release');
    expect(fellows.leases.size).toBe(0);
  });

  it('never sends a line twice: a line caught between send and record is reported, not resent', async () => {
    const chats = await newChats(1);
    fellows.plan('run-crash', shortScript, chats, accounts);
    const first = await startWorker('run-crash');
    await waitFor(async () => (await posted(chats[0]!.telegramId)).length >= 2, {
      timeoutMs: 20_000,
      intervalMs: 10,
    });
    // The worker dies; as far as its database knows, it was just sending line 3.
    first.worker.kill();
    workers.splice(workers.indexOf(first.worker), 1);
    const db = await workerDb();
    const done = await db
      .selectFrom('lines')
      .select(['line_no', 'state'])
      .where('sfc_id', '=', 'run-crash')
      .execute();
    // The kill may itself have caught a line between its send and its record.
    const caught = done.filter((l) => l.state === 'sending').map((l) => l.line_no);
    const next = Math.max(...done.map((l) => l.line_no)) + 1;
    await db
      .insertInto('lines')
      .values({
        sfc_id: 'run-crash',
        chat_id: chats[0]!.chatId,
        line_no: next,
        account_id: `acc-${((next - 1) % 3) + 1}`,
        state: 'sending',
      })
      .onConflict((oc) => oc.columns(['sfc_id', 'chat_id', 'line_no']).doNothing())
      .execute();
    const second = await startWorker('run-crash', 2, { LEASE_WAIT_SECONDS: '10' });
    expect(await second.exited).toBe(0);
    await finishedOf('run-crash');
    const messages = await posted(chats[0]!.telegramId);
    const texts = messages.map((m: any) => m.text);
    expect(new Set(texts).size).toBe(texts.length);
    const unconfirmed = of('run-crash', 'ScriptLineUnconfirmed');
    expect(unconfirmed.map((e) => e.payload.line_no)).toEqual([...caught, next]);
    // Line `next` never went out and is not sent now; every other line is there once.
    const planned = (fellows.plans.get('run-crash') as any).plan.chats[0].lines.map((l: any) => l.text);
    expect(texts).toEqual(
      planned.filter(
        (_: string, i: number) => i + 1 !== next && !(caught.includes(i + 1) && !texts.includes(planned[i])),
      ),
    );
    const finished = of('run-crash', 'ScriptFinished')[0]!.payload;
    expect(finished.status).toBe('done');
    expect(finished.problems).toHaveLength(caught.length + 1);
    expect(finished.problems[0]).toMatchObject({ chat_id: chats[0]!.chatId, reason: 'unconfirmed' });
    expect(of('run-crash', 'ScriptStarted').map((e) => e.payload.attempt)).toEqual([1, 2]);
  });

  it('reports a banned account to admin and as AccountBanned, skips its lines and plays the rest', async () => {
    const chats = await newChats(1);
    await world('POST', '/world/faults', { kind: 'account_banned', accountId: accounts[2]!.sandboxId });
    fellows.plan('run-ban', shortScript, chats, accounts);
    const { exited } = await startWorker('run-ban');
    expect(await exited).toBe(0);
    await finishedOf('run-ban');
    expect((await posted(chats[0]!.telegramId)).map((m: any) => m.sender.username)).toEqual([
      'baker_anna',
      'baker_max',
      'baker_anna',
      'baker_max',
    ]);
    expect(of('run-ban', 'ScriptLineSkipped').map((e) => [e.payload.line_no, e.payload.reason])).toEqual([
      [3, 'number_banned'],
      [6, 'number_banned'],
    ]);
    const banned = events.filter((e) => e.type === 'AccountBanned' && e.payload.worker_id === 'acc-3');
    expect(banned.map((e) => e.payload)).toEqual([
      { worker_id: 'acc-3', comment: 'number banned', replaced_by: null },
    ]);
    expect(fellows.statusReports).toContainEqual({
      accountId: 'acc-3',
      body: { status: 'banned', reason: 'number banned' },
    });
    const finished = of('run-ban', 'ScriptFinished')[0]!.payload;
    expect(finished).toMatchObject({
      status: 'done',
      problems: [{ chat_id: null, reason: 'number_banned' }],
    });
    // Admin learns about the ban and reactivates the account later; the sandbox lifts it here.
    await world('DELETE', '/world/faults');
  });

  it('waits out slow mode and sends the line after it', async () => {
    const chats = await newChats(1);
    const twice: typeof shortScript = {
      ...shortScript,
      roles: shortScript.roles.slice(0, 1),
      lines: [
        { ...shortScript.lines[0]!, role: 1 },
        { role: 1, text: 'Anyone?', delay: { min: 1, max: 2 }, replyTo: { kind: 'none' }, typing: 0 },
      ],
    };
    await world('POST', '/world/faults', { kind: 'slow_mode', chatId: chats[0]!.telegramId, seconds: 600 });
    fellows.plan('run-slow', twice, chats, accounts.slice(0, 1));
    const { exited } = await startWorker('run-slow');
    expect(await exited).toBe(0);
    await finishedOf('run-slow');
    const messages = await posted(chats[0]!.telegramId);
    expect(messages.map((m: any) => m.text)).toEqual([
      'Anyone tried the new bakery on Bakery ' + chats[0]!.title.split(' ')[1] + ' street?',
      'Anyone?',
    ]);
    const sent = of('run-slow', 'ScriptLineSent');
    const gap = Date.parse(sent[1]!.payload.sent_at) - Date.parse(sent[0]!.payload.sent_at);
    expect(gap).toBeGreaterThan(((600 * 1000) / SCALE) * 0.8);
    expect(of('run-slow', 'ChatSkipped')).toEqual([]);
    expect(of('run-slow', 'ScriptHeartbeat').some((e) => e.payload.reason === 'slow_mode')).toBe(true);
  });

  it('pauses, resumes and stops within 2 s when the operator says so', async () => {
    const chats = await newChats(1);
    const slow = {
      ...shortScript,
      lines: shortScript.lines.map((l) => ({ ...l, delay: { min: 120, max: 120 } })),
    };
    fellows.plan('run-ctl', slow, chats, accounts);
    const { exited } = await startWorker('run-ctl');
    await waitFor(async () => (await posted(chats[0]!.telegramId)).length >= 1, {
      timeoutMs: 20_000,
      intervalMs: 10,
    });
    fellows.controls.set('run-ctl', 'pause');
    await waitFor(() => of('run-ctl', 'ScriptHeartbeat').some((e) => e.payload.state === 'paused'));
    const paused = (await posted(chats[0]!.telegramId)).length;
    await sleep(2000); // more than two lines' worth of run time
    expect((await posted(chats[0]!.telegramId)).length).toBe(paused);
    fellows.controls.set('run-ctl', 'run');
    await waitFor(async () => (await posted(chats[0]!.telegramId)).length > paused, { timeoutMs: 20_000 });
    const t0 = Date.now();
    fellows.controls.set('run-ctl', 'stop');
    expect(await exited).toBe(0);
    const finished = await waitFor(() => of('run-ctl', 'ScriptFinished')[0]);
    expect(finished.at - t0).toBeLessThan(2000);
    expect(finished.payload.status).toBe('stopped');
    expect((await posted(chats[0]!.telegramId)).length).toBeLessThan(6);
  });

  it('refuses an account another worker holds (never two live sessions)', async () => {
    const chats = await newChats(1);
    fellows.leases.set('acc-2', { holder: 'scripts-worker:other-run:1', expires: Date.now() + 60_000 });
    fellows.plan('run-held', shortScript, chats, accounts);
    const { exited } = await startWorker('run-held', 1, { LEASE_WAIT_SECONDS: '1' });
    expect(await exited).toBe(0);
    await finishedOf('run-held');
    expect(of('run-held', 'ScriptFinished')[0]!.payload).toMatchObject({
      status: 'failed',
      problems: [{ chat_id: null, reason: 'account_in_use' }],
    });
    expect(await posted(chats[0]!.telegramId)).toEqual([]);
    fellows.leases.delete('acc-2');
  });
});
