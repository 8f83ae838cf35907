import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from '@switchyard/bus';
import {
  ChatSkipped,
  ScriptEngagement,
  ScriptFinished,
  ScriptHeartbeat,
  ScriptLineSent,
  ScriptLineUnconfirmed,
  ScriptRunPlanned,
  ScriptStalled,
  ScriptStarted,
} from '@switchyard/contracts';
import { EmbeddedInfra, on, startService, type RunningService } from '@switchyard/kit';
import { sleep, startTestIssuer, waitFor, type TestIssuer } from '@switchyard/testing';
import { service } from '../src/main';

/** The scripts service's plan document for a run: 2 chats × 3 lines, the longest gap 2 s (run time). */
function planDoc(sfcId: string) {
  const lines = [1, 2, 3].map((lineNo) => ({
    lineNo,
    role: lineNo === 2 ? 2 : 1,
    accountId: lineNo === 2 ? 'acc-2' : 'acc-1',
    text: `line ${lineNo}`,
    delayMs: 1500,
    typingMs: 500,
    plannedAt: Date.now() + lineNo * 2000,
    replyTo: { kind: 'none' },
  }));
  return {
    sfcId,
    campaignId: 'camp-1',
    scriptId: 'script-1',
    plan: {
      chats: [
        { chatId: 'c-1', title: 'Chat one', variant: null, lines },
        { chatId: 'c-2', title: 'Chat two', variant: null, lines },
      ],
    },
  };
}

describe('scripts-watcher', () => {
  let issuer: TestIssuer;
  let infra: EmbeddedInfra;
  let bus: Bus;
  let svc: RunningService;
  let scripts: Server;
  let dataDir: string;
  const stalls: Record<string, unknown>[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    dataDir = await mkdtemp(join(tmpdir(), 'watcher-test-'));
    scripts = createServer((req, res) => {
      const id = /^\/internal\/runs\/([^/]+)\/plan$/.exec(req.url ?? '')?.[1];
      res.writeHead(id ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(id ? planDoc(id) : { status: 404 }));
    });
    await new Promise<void>((r) => scripts.listen(0, '127.0.0.1', r));
    infra = new EmbeddedInfra(undefined);
    bus = new Bus({ transport: await infra.transport(), service: 'watcher-test' });
    await bus.subscribe({ name: 'stalls', handlers: [on(ScriptStalled, async (p) => void stalls.push(p))] });
    env = {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      AUTH_JWKS_URL: issuer.jwksUrl,
      INTERNAL_API_TOKEN: 'watcher-test-internal-token-0123456789',
      SERVICE_URL_COOLTHING_SCRIPTS: `http://127.0.0.1:${(scripts.address() as { port: number }).port}`,
      // Longest gap 2 s of run time at scale 2 = 1 s, plus 0.5 s grace: silent 1.5 s is a stall.
      TIME_SCALE: '2',
      STALL_GRACE_SECONDS: '0.5',
      STALL_CHECK_SECONDS: '0.1',
    };
    svc = await startService(service, { infra, env });
  });
  afterAll(async () => {
    await svc?.stop();
    await bus.stopConsuming();
    await infra.close();
    await new Promise<void>((r) => scripts.close(() => r()));
    await issuer.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const get = async (path: string, roles = ['viewer']) => {
    const res = await fetch(`${svc.url}${path}`, {
      headers: { authorization: `Bearer ${await issuer.sign({ sub: 'u', roles })}` },
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const sent = (sfcId: string, chatId: string, lineNo: number, msgId: number) =>
    bus.publish(ScriptLineSent, {
      sfc_id: sfcId,
      chat_id: chatId,
      line_no: lineNo,
      account_id: lineNo === 2 ? 'acc-2' : 'acc-1',
      telegram_message_id: msgId,
      reply_to_message_id: null,
      planned_at: new Date(Date.now() - 300).toISOString(),
      sent_at: new Date().toISOString(),
      text: `line ${lineNo}`,
    });
  const started = (sfcId: string, attempt = 1) =>
    bus.publish(ScriptStarted, {
      sfc_id: sfcId,
      chats: [
        { chat_id: 'c-1', title: 'Chat one' },
        { chat_id: 'c-2', title: 'Chat two' },
      ],
      started_at: new Date().toISOString(),
      attempt,
    });

  it('keeps a run’s progress per chat and line from events, whatever their order', async () => {
    // A line arrives before its plan (two exchanges, two queues): nothing is lost.
    await sent('p-1', 'c-1', 1, 101);
    await started('p-1');
    await bus.publish(ScriptRunPlanned, { sfc_id: 'p-1', chats: 2, lines: 6 });
    await waitFor(async () => (await get('/runs/p-1')).body.lines?.planned === 6);
    await sent('p-1', 'c-1', 2, 102);
    await sent('p-1', 'c-1', 3, 103);
    await bus.publish(ScriptLineUnconfirmed, {
      sfc_id: 'p-1',
      chat_id: 'c-2',
      line_no: 1,
      account_id: 'acc-1',
      attempted_at: new Date().toISOString(),
    });
    await bus.publish(ChatSkipped, {
      sfc_id: 'p-1',
      chat_id: 'c-2',
      chat_title: 'Chat two',
      on_line: 2,
      reason: 'private_or_ban',
      reason_text_en: 'private chat or ban',
      reason_text_ru: 'приватный чат или бан',
    });
    await bus.publish(ScriptEngagement, {
      sfc_id: 'p-1',
      chat_id: 'c-1',
      kind: 'reply',
      member_id: '555',
      telegram_message_id: 104,
      reply_to_line_no: 3,
      at: new Date().toISOString(),
    });
    await bus.publish(ScriptFinished, {
      sfc_id: 'p-1',
      status: 'done',
      finished_at: new Date().toISOString(),
      problems: [{ chat_id: 'c-2', reason: 'private_or_ban', text: 'private chat or ban' }],
    });
    const run = await waitFor(async () => {
      const r = (await get('/runs/p-1')).body;
      return r.status === 'done' && r.engagement.total === 1 ? r : null;
    });
    expect(run).toMatchObject({
      sfcId: 'p-1',
      campaignId: 'camp-1',
      attempt: 1,
      lines: { planned: 6, sent: 3, skipped: 2, unconfirmed: 1 },
      engagement: { total: 1, replies: 1, messages: 0 },
      problems: [{ chat_id: 'c-2', reason: 'private_or_ban' }],
    });
    const chats = (await get('/runs/p-1/chats')).body.items;
    expect(chats).toEqual([
      expect.objectContaining({
        chatId: 'c-1',
        status: 'done',
        lines: { planned: 3, sent: 3, skipped: 0, unconfirmed: 0 },
        engagement: 1,
      }),
      expect.objectContaining({
        chatId: 'c-2',
        status: 'skipped',
        skip: {
          reason: 'private_or_ban',
          textEn: 'private chat or ban',
          textRu: 'приватный чат или бан',
          onLine: 2,
        },
      }),
    ]);
    const lines = (await get('/runs/p-1/lines?chatId=c-1')).body.items;
    expect(lines.map((l: { telegramMessageId: number }) => l.telegramMessageId)).toEqual([101, 102, 103]);
    expect(lines[0]).toMatchObject({ status: 'sent', text: 'line 1', accountId: 'acc-1' });
    expect(typeof lines[0].lateByMs).toBe('number');
    const skipped = (await get('/runs/p-1/lines?chatId=c-2&status=skipped')).body;
    expect(skipped.items.map((l: { lineNo: number }) => l.lineNo)).toEqual([2, 3]);
    expect((await get('/runs/p-1/engagement')).body.items[0]).toMatchObject({
      kind: 'reply',
      replyToLineNo: 3,
      memberId: '555',
    });
    // A late heartbeat does not bring a finished run back.
    await bus.publish(ScriptHeartbeat, {
      sfc_id: 'p-1',
      state: 'engagement',
      reason: null,
      until: null,
      at: new Date().toISOString(),
    });
    await sleep(200);
    expect((await get('/runs/p-1')).body.status).toBe('done');
  });

  it('raises ScriptStalled once per silence; a FloodWait announced by heartbeats is no stall', async () => {
    await bus.publish(ScriptRunPlanned, { sfc_id: 's-1', chats: 2, lines: 6 });
    await started('s-1');
    await sent('s-1', 'c-1', 1, 201);
    // 3 s of waiting out a FloodWait, with heartbeats: never a stall.
    for (let i = 0; i < 12; i++) {
      await bus.publish(ScriptHeartbeat, {
        sfc_id: 's-1',
        state: 'waiting',
        reason: 'flood_wait',
        until: new Date(Date.now() + 3000).toISOString(),
        at: new Date().toISOString(),
      });
      await sleep(250);
    }
    expect((await get('/runs/s-1')).body).toMatchObject({
      status: 'running',
      waiting: { reason: 'flood_wait' },
    });
    expect(stalls.filter((s) => s.sfc_id === 's-1')).toEqual([]);
    // Then silence: one ScriptStalled, however long it lasts.
    await waitFor(() => stalls.find((s) => s.sfc_id === 's-1'), { timeoutMs: 5000 });
    await sleep(800);
    expect(stalls.filter((s) => s.sfc_id === 's-1')).toHaveLength(1);
    expect((await get('/runs/s-1')).body.status).toBe('stalled');
    // Progress ends the stall; the next silence is a new stall.
    await sent('s-1', 'c-1', 2, 202);
    await waitFor(async () => (await get('/runs/s-1')).body.status === 'running');
    await waitFor(() => stalls.filter((s) => s.sfc_id === 's-1').length === 2, { timeoutMs: 5000 });
    expect(stalls.filter((s) => s.sfc_id === 's-1')[1]).toMatchObject({ sfc_id: 's-1' });
  });

  it('keeps its state in its database: a restarted watcher still knows every run (original: memory)', async () => {
    await svc.stop();
    svc = await startService(service, { infra, env });
    const run = (await get('/runs/p-1')).body;
    expect(run).toMatchObject({ status: 'done', lines: { sent: 3 }, engagement: { total: 1 } });
  });

  it('serves history with filters and pages, to operators and viewers only', async () => {
    const all = (await get('/runs?limit=1')).body;
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect(all.items).toHaveLength(1);
    const done = (await get('/runs?status=done&campaignId=camp-1')).body;
    expect(done.items.map((r: { sfcId: string }) => r.sfcId)).toEqual(['p-1']);
    expect((await get('/runs', ['user'])).status).toBe(403);
    expect((await fetch(`${svc.url}/runs`)).status).toBe(401);
    expect((await get('/runs?limit=5000')).status).toBe(400);
    expect((await get('/runs/nope')).status).toBe(404);
  });

  it('stops at once, however long its stall check waits between rounds', async () => {
    const slow = await startService(service, { infra, env: { ...env, STALL_CHECK_SECONDS: '3600' } });
    await sleep(50);
    // An hour's wait in the stall loop must not hold the stop (it did: up to a whole interval).
    const t0 = performance.now();
    await slow.stop();
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
