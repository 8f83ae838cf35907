/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of many services, read by tests */
// Scripts mode end to end, the same in embedded and distributed mode: each function is one
// scenario driven over HTTP through the gateway and checked against the sandbox's record.
import { expect } from 'vitest';
import { sleep, waitFor } from '@switchyard/testing';
import { expectPlayed, SCALE, scriptMessages, type ScriptsApi } from './scripts-harness';
import type { Probe } from './scripts-probe';

export interface FlowContext {
  api: ScriptsApi;
  events: Probe;
  /** The admin's embedded demo: script, campaign, three actors, and the chats it suggests. */
  demo: { scriptId: string; campaignId: string; mapping: Record<string, string>; chatIds: string[] };
  /** Ends the run's worker as a crash would. */
  killWorker(sfcId: string): Promise<void>;
}

type Chat = { id: string; telegramId: string; title: string };

async function postedCount(api: ScriptsApi, chats: Chat[]): Promise<number> {
  let n = 0;
  for (const c of chats) n += (await scriptMessages(api, c.telegramId)).length;
  return n;
}

async function waitPosted(api: ScriptsApi, chats: Chat[], n: number): Promise<void> {
  await waitFor(async () => (await postedCount(api, chats)) >= n, {
    timeoutMs: 60_000,
    intervalMs: 50,
    message: `${n} lines posted`,
  });
}

/** Timings for the record (vitest shows them with the test). */
const note = (line: string) => void process.stdout.write(`${line}\n`);

const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

export async function playsInEveryChat(ctx: FlowContext): Promise<void> {
  const { api, events, demo } = ctx;
  const chats = await api.chats(3, 'main');
  const t0 = performance.now();
  const sfcId = await api.activate({ ...demo, chatIds: chats.map((c) => c.id) });
  const run = await api.waitForRun(sfcId, 'done');
  note(`3 chats × 8 lines played in ${secs(t0)} s`);
  await expectPlayed(api, sfcId, chats);
  // The run id is the SFC id itself everywhere (the original passed it around in JSON quotes).
  expect(run.sfcId).toBe(sfcId);
  expect(run.lines).toEqual({ planned: 24, sent: 24, skipped: 0, unconfirmed: 0 });
  expect(run.attempt).toBe(1);
  const lines = await api.watcher(`/runs/${sfcId}/lines?limit=100`);
  expect(lines.items).toHaveLength(24);
  for (const l of lines.items) {
    expect(l.status).toBe('sent');
    expect(Date.parse(l.sentAt)).toBeGreaterThanOrEqual(Date.parse(l.plannedAt) - 1000);
    expect(typeof l.telegramMessageId).toBe('number');
  }
  const perChat = await api.watcher(`/runs/${sfcId}/chats`);
  expect(perChat.items.map((c: any) => c.status)).toEqual(['done', 'done', 'done']);
  const started = events.of(sfcId, 'ScriptStarted');
  expect(started.map((e) => e.payload.attempt)).toEqual([1]);
  expect((started[0]!.payload.chats as unknown[]).length).toBe(3);
  const finished = await waitFor(() => events.of(sfcId, 'ScriptFinished')[0], { message: 'ScriptFinished' });
  expect(finished.payload).toMatchObject({ status: 'done', problems: [] });
  // Admin's run follows the events too.
  await waitFor(async () => (await api.admin('GET', `/script-runs/${sfcId}`)).status === 'done', {
    timeoutMs: 30_000,
    message: 'admin shows the run done',
  });
}

export async function waitsOutFloodWait(ctx: FlowContext): Promise<void> {
  const { api, events, demo } = ctx;
  const chats = await api.chats(2, 'flood');
  const [username] = (await api.usernames([demo.mapping['2']!])).values();
  const seconds = 1500; // 25 sandbox minutes: the original gave up on anything over 60 s
  await api.world('POST', '/world/faults', {
    kind: 'flood_wait',
    accountId: await api.sandboxAccountId(username!),
    seconds,
    operation: 'send',
    times: 1,
  });
  const t0 = performance.now();
  const sfcId = await api.activate({ ...demo, chatIds: chats.map((c) => c.id) });
  const seen = new Set<string>();
  const watching = (async () => {
    for (;;) {
      const run = await api.watcherRun(sfcId).catch(() => null);
      if (run?.waiting) seen.add(run.waiting.reason);
      if (!run || ['done', 'failed', 'stopped'].includes(run.status)) {
        if (run) return run;
      }
      await sleep(50);
    }
  })();
  const run = await api.waitForRun(sfcId, 'done', 90_000);
  await watching;
  const elapsed = performance.now() - t0;
  note(`FloodWait of ${seconds} sandbox s waited out; run done in ${secs(t0)} s`);
  expect(elapsed).toBeGreaterThan(((seconds * 1000) / SCALE) * 0.9);
  await expectPlayed(api, sfcId, chats);
  expect(run.lines.sent).toBe(16);
  expect(seen.has('flood_wait'), 'the watcher saw the run waiting out the FloodWait').toBe(true);
  // Waiting was reported with heartbeats: the long silence was not taken for a stall.
  expect(events.of(sfcId, 'ScriptStalled')).toEqual([]);
  expect(events.of(sfcId, 'ChatSkipped')).toEqual([]);
}

export async function skipsForbiddenChat(ctx: FlowContext): Promise<void> {
  const { api, events, demo } = ctx;
  const chats = await api.chats(3, 'forbid');
  const fault = await api.world('POST', '/world/faults', {
    kind: 'write_forbidden',
    chatId: chats[1]!.telegramId,
  });
  try {
    const sfcId = await api.activate({ ...demo, chatIds: chats.map((c) => c.id) });
    const run = await api.waitForRun(sfcId, 'done');
    await expectPlayed(api, sfcId, [chats[0]!, chats[2]!]);
    expect(await scriptMessages(api, chats[1]!.telegramId)).toEqual([]);
    const skipped = await waitFor(() => events.of(sfcId, 'ChatSkipped')[0], { message: 'ChatSkipped' });
    expect(skipped.payload).toMatchObject({
      chat_id: chats[1]!.id,
      reason: 'cannot_write',
      reason_text_en: 'cannot write',
      reason_text_ru: 'нет права писать в чат',
      on_line: 1,
    });
    const perChat = await api.watcher(`/runs/${sfcId}/chats`);
    const forbidden = perChat.items.find((c: any) => c.chatId === chats[1]!.id);
    expect(forbidden).toMatchObject({
      status: 'skipped',
      skip: { reason: 'cannot_write', textEn: 'cannot write' },
    });
    expect(run.lines).toMatchObject({ sent: 16, skipped: 8 });
    expect(run.problems).toEqual([{ chat_id: chats[1]!.id, reason: 'cannot_write', text: 'cannot write' }]);
  } finally {
    await api.world('DELETE', `/world/faults/${fault.id}`);
  }
}

export async function survivesWorkerKill(ctx: FlowContext): Promise<void> {
  const { api, events, demo } = ctx;
  const chats = await api.chats(2, 'kill');
  const t0 = performance.now();
  const sfcId = await api.activate({ ...demo, chatIds: chats.map((c) => c.id) });
  await waitPosted(api, chats, 5);
  await ctx.killWorker(sfcId);
  const killedAt = await postedCount(api, chats);
  const run = await api.waitForRun(sfcId, 'done', 90_000);
  note(`worker killed after ${killedAt} of 16 lines; run done in ${secs(t0)} s`);
  // Exactly once: every planned line in each chat, in order, none twice, none missing, every
  // reply threaded. A line the kill caught between its send and its record was checked against
  // its chat by the next worker: recorded as sent when it is there, sent now when it is not.
  expect(run.lines).toEqual({ planned: 16, sent: 16, skipped: 0, unconfirmed: 0 });
  await expectPlayed(api, sfcId, chats);
  const finished = await waitFor(() => events.of(sfcId, 'ScriptFinished')[0], { message: 'ScriptFinished' });
  expect(finished.payload).toMatchObject({ status: 'done', problems: [] });
  const attempts = events.of(sfcId, 'ScriptStarted').map((e) => e.payload.attempt);
  expect(attempts).toEqual([1, 2]);
  expect(run.attempt).toBe(2);
  // The watchdog's record ends when the worker exits (after its engagement window) and is removed.
  const worker = await waitFor(
    async () => {
      const w = await api.watchdog('GET', `/runs/${sfcId}`);
      return w.status === 'done' ? w : null;
    },
    { timeoutMs: 30_000, message: 'the worker ended' },
  );
  expect(worker).toMatchObject({ status: 'done', attempts: 2, restarts: 1 });
  expect(events.of(sfcId, 'ScriptCrashed')).toEqual([]);
}

export async function stopsWithinTwoSeconds(ctx: FlowContext): Promise<void> {
  const { api, events, demo } = ctx;
  const chats = await api.chats(2, 'stop');
  const sfcId = await api.activate({ ...demo, chatIds: chats.map((c) => c.id) });
  await waitPosted(api, chats, 2);
  const t0 = performance.now();
  await api.admin('POST', `/script-runs/${sfcId}/stop`, {});
  const finished = await waitFor(() => events.of(sfcId, 'ScriptFinished')[0], {
    timeoutMs: 10_000,
    intervalMs: 10,
    message: 'ScriptFinished after stop',
  });
  const took = performance.now() - t0;
  note(`stopped in ${took.toFixed(0)} ms`);
  expect(finished.payload.status).toBe('stopped');
  expect(took).toBeLessThan(2000);
  const after = await postedCount(api, chats);
  await sleep(1500);
  expect(await postedCount(api, chats), 'nothing is sent after the stop').toBe(after);
  expect(after).toBeLessThan(16);
  expect((await api.waitForRun(sfcId, 'stopped')).status).toBe('stopped');
  await waitFor(async () => (await api.admin('GET', `/script-runs/${sfcId}`)).status === 'stopped', {
    message: 'admin shows the run stopped',
  });
  expect((await api.watchdog('GET', `/runs/${sfcId}`)).status).toBe('stopped');
}

export async function refusedActivationStartsNoWorker(ctx: FlowContext): Promise<void> {
  const { api, events, demo } = ctx;
  const [chat] = await api.chats(1, 'refused');
  await api.admin('PATCH', `/chats/${chat!.id}`, { permission: 'unknown' });
  const before = (await api.watchdog('GET', '/runs?limit=1')).total;
  const startedBefore = events.seen.filter((e) => e.type === 'ScriptStarted').length;
  const refused = await api.admin('POST', '/script-runs', { ...demo, chatIds: [chat!.id] }, 422);
  expect(JSON.stringify(refused)).toContain('chat_permission_unknown');
  await sleep(1500);
  expect((await api.watchdog('GET', '/runs?limit=1')).total).toBe(before);
  expect(events.seen.filter((e) => e.type === 'ScriptStarted').length).toBe(startedBefore);
  expect(await scriptMessages(api, chat!.telegramId)).toEqual([]);
}

/** Identical texts, even from the same account, stay separate lines (the original matched ids by bot and text). */
export async function keepsDuplicateLinesApart(ctx: FlowContext): Promise<void> {
  const { api, demo } = ctx;
  const line = (role: number, text: string, replyTo: Record<string, unknown>) => ({
    role,
    text,
    delay: { min: 5, max: 20 },
    replyTo,
    typing: 1,
  });
  const script = await api.admin(
    'POST',
    '/scripts',
    {
      name: 'Echoes',
      language: 'en',
      roles: [
        { index: 1, name: 'A' },
        { index: 2, name: 'B' },
        { index: 3, name: 'C' },
      ],
      lines: [
        line(1, 'Is anyone here?', { kind: 'none' }),
        line(2, 'Yes!', { kind: 'previous' }),
        line(1, 'Is anyone here?', { kind: 'none' }),
        line(3, 'Yes!', { kind: 'previous' }),
        line(2, 'Yes!', { kind: 'line', line: 1 }),
        line(3, 'Yes!', { kind: 'line', line: 3 }),
      ],
    },
    201,
  );
  const chats = await api.chats(1, 'dup');
  const sfcId = await api.activate({ ...demo, scriptId: script.id, chatIds: chats.map((c) => c.id) });
  await api.waitForRun(sfcId, 'done');
  await expectPlayed(api, sfcId, chats);
  const posted = await scriptMessages(api, chats[0]!.telegramId);
  expect(posted.map((m) => m.replyToId)).toEqual([
    null,
    posted[0].id,
    null,
    posted[2].id,
    posted[0].id,
    posted[2].id,
  ]);
}

/** A member answers a line: counted once as engagement, and the matching branch answers from its role. */
export async function countsEngagementAndAnswers(ctx: FlowContext): Promise<void> {
  const { api, demo } = ctx;
  const chats = await api.chats(1, 'engage');
  const chat = chats[0]!;
  const sfcId = await api.activate({ ...demo, chatIds: [chat.id] });
  await waitPosted(api, chats, 3);
  const line3 = (await scriptMessages(api, chat.telegramId))[2];
  const members = await api.world('GET', `/world/chats/${chat.telegramId}/members`);
  const member = members.items.find((u: any) => u.kind === 'member');
  const question = await api.world('POST', `/world/chats/${chat.telegramId}/messages`, {
    userId: member.id,
    text: 'Sounds nice, but what is the price of a day pass?',
    replyTo: line3.id,
  });
  const [regular] = (await api.usernames([demo.mapping['2']!])).values();
  const answer = await waitFor(
    async () =>
      (await api.transcript(chat.telegramId)).find(
        (m) => m.replyToId === question.id && m.sender?.username === regular,
      ),
    { timeoutMs: 30_000, message: 'the branch answer from role 2' },
  );
  expect(answer.text.length).toBeGreaterThan(10);
  await api.waitForRun(sfcId, 'done');
  await expectPlayed(api, sfcId, chats);
  const engagement = await waitFor(
    async () => {
      const e = await api.watcher(`/runs/${sfcId}/engagement`);
      return e.items.find((i: any) => i.telegramMessageId === question.id) ? e : null;
    },
    { message: 'the engagement recorded' },
  );
  expect(engagement.items.find((i: any) => i.telegramMessageId === question.id)).toMatchObject({
    kind: 'reply',
    replyToLineNo: 3,
    memberId: member.id,
  });
  expect((await api.watcherRun(sfcId)).engagement.replies).toBeGreaterThanOrEqual(1);
}

/** What `npm start` offers: the admin's demo activation, exactly as GET /demo gives it, plays in the sandbox. */
export async function playsTheAdminDemo(ctx: FlowContext): Promise<void> {
  const { api, demo } = ctx;
  expect(demo.chatIds.length).toBeGreaterThan(0);
  const t0 = performance.now();
  const sfcId = await api.activate(demo);
  const run = await api.waitForRun(sfcId, 'done', 90_000);
  note(`the admin demo run (${demo.chatIds.length} demo chats) played in ${secs(t0)} s`);
  const chats = await api.admin('GET', '/chats?limit=100');
  const played = demo.chatIds.map((id) => {
    const chat = chats.items.find((c: any) => c.id === id);
    return { id, telegramId: chat.telegramId as string, title: chat.title as string };
  });
  await expectPlayed(api, sfcId, played);
  expect(run.lines.sent).toBe(8 * demo.chatIds.length);
}
