/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of the sandbox, read by tests */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
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
import { EmbeddedInfra, migrateService, on, startService, type RunningService } from '@switchyard/kit';
import type { Kysely } from '@switchyard/store';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import { startTestSandbox, type TestSandbox } from '@switchyard/coolthing-telegram-sandbox/testing';
import { waitFor } from '@switchyard/testing';
import type { WorkerDB } from '../src/db';
import { createWorkerService, service as workerService } from '../src/main';
import { fellowServices, TOKEN, WatchedGateway, type AccountAlteration, type FakeAccount } from './support';

export const SCALE = 200;

export type TestChat = { chatId: string; title: string; ref: string; telegramId: string };

/**
 * The worker's surroundings for one test file: the sandbox (time-scaled), the fellow services
 * as fakes, three signed-in accounts, every worker event recorded. Registers its own hooks.
 */
export function workerHarness() {
  let infra: EmbeddedInfra;
  let sandbox: TestSandbox;
  let fellows: Awaited<ReturnType<typeof fellowServices>>;
  let bus: Bus;
  let dataDir: string;
  const accounts: FakeAccount[] = [];
  const events: { type: string; payload: any; at: number }[] = [];
  const workers: RunningService[] = [];

  const world = (method: string, path: string, body?: unknown) => sandbox.world(method, path, body);

  let chatNo = 0;
  const newChats = async (n: number): Promise<TestChat[]> => {
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
  const startWorker = async (
    runId: string,
    attempt = 1,
    env: Record<string, string> = {},
    alter?: AccountAlteration,
  ) => {
    const gateway = new WatchedGateway(new SandboxTelegramGateway({ baseUrl: sandbox.url }), alter);
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

  /** Ends a worker as a crash would (no graceful stop, leases left to run out). */
  const killWorker = (worker: RunningService) => {
    worker.kill();
    workers.splice(workers.indexOf(worker), 1);
  };

  /** The accounts' messages in a chat, oldest first. */
  const posted = async (telegramId: string) =>
    (await world('GET', `/world/chats/${telegramId}/messages?limit=200`)).items.filter(
      (m: any) => m.sender?.kind === 'account',
    );
  /**
   * The fixture script played once in `chat`: every line's text in order, each answering the
   * message its plan says (lines 2 and 3 answer 1 and 2, line 4 answers 2, line 5 answers 4).
   */
  const expectPlayedOnce = async (chat: TestChat, texts: string[]) => {
    const messages = await posted(chat.telegramId);
    expect(messages.map((m: any) => m.text)).toEqual(texts);
    expect(messages.map((m: any) => m.replyToId)).toEqual([
      null,
      messages[0].id,
      messages[1].id,
      messages[1].id,
      messages[3].id,
      null,
    ]);
    return messages;
  };
  const of = (runId: string, type: string) =>
    events.filter((e) => e.payload.sfc_id === runId && e.type === type);
  /** The worker asked to end; its last events are still on their way through the outbox. */
  const finishedOf = (runId: string) =>
    waitFor(() => of(runId, 'ScriptFinished')[0], { message: `ScriptFinished of ${runId}` });
  let migrated = false;
  /** The worker's tables (created here when no worker has started yet, for arranging a run). */
  const workerDb = async () => {
    const database = await infra.database('coolthing_scripts_worker');
    if (!migrated) await migrateService(workerService, database);
    migrated = true;
    return database.db as Kysely<WorkerDB>;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'worker-test-'));
    infra = new EmbeddedInfra(undefined);
    fellows = await fellowServices();
    sandbox = await startTestSandbox(infra, {
      env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dataDir },
      timeScale: SCALE,
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
    for (const [i, username] of ['baker_anna', 'baker_max', 'baker_olga'].entries()) {
      const signed = await sandbox.signedInAccount(`+7901555000${i}`, {
        username,
        firstName: username,
        roleHint: 'actor',
      });
      const account = {
        accountId: `acc-${i + 1}`,
        session: signed.session,
        username,
        userId: signed.userId,
        sandboxId: signed.worldId,
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

  return {
    accounts,
    events,
    get fellows() {
      return fellows;
    },
    get sandboxUrl() {
      return sandbox.url;
    },
    world,
    newChats,
    startWorker,
    killWorker,
    posted,
    expectPlayedOnce,
    of,
    finishedOf,
    workerDb,
  };
}
