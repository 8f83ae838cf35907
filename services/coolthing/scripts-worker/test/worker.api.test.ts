import { describe, expect, it } from 'vitest';
import { sleep, waitFor } from '@switchyard/testing';
import { SCALE, workerHarness } from './harness';
import { shortScript } from './support';

describe('scripts-worker against the sandbox', () => {
  const h = workerHarness();
  const { accounts, events, world, newChats, startWorker, posted, expectPlayedOnce, of, finishedOf } = h;

  it('joins, keeps one connection per account, threads replies by line number, and ends the run', async () => {
    const chats = await newChats(2);
    for (const c of chats) {
      const members = await world('GET', `/world/chats/${c.telegramId}/members`);
      expect(members.items.map((u: any) => u.id)).not.toContain(accounts[0]!.userId);
    }
    const plan = h.fellows.plan('run-play', shortScript, chats, accounts);
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
      const messages = await expectPlayedOnce(
        chat,
        lines.map((l) => l.text),
      );
      expect(messages.map((m: any) => m.sender.username)).toEqual([
        'baker_anna',
        'baker_max',
        'baker_olga',
        'baker_anna',
        'baker_max',
        'baker_olga',
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
    const ops = h.fellows.leaseCalls.filter((c) => c.accountId === 'acc-1');
    expect(ops[0]).toEqual({ accountId: 'acc-1', op: 'lease', holder: 'scripts-worker:run-play:1' });
    expect(ops.at(-1)!.op).toBe('release');
    expect(h.fellows.leases.size).toBe(0);
  });

  it('reports a banned account to admin and as AccountBanned, skips its lines and plays the rest', async () => {
    const chats = await newChats(1);
    await world('POST', '/world/faults', { kind: 'account_banned', accountId: accounts[2]!.sandboxId });
    h.fellows.plan('run-ban', shortScript, chats, accounts);
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
    expect(h.fellows.statusReports).toContainEqual({
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
    h.fellows.plan('run-slow', twice, chats, accounts.slice(0, 1));
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
    h.fellows.plan('run-ctl', slow, chats, accounts);
    const { exited } = await startWorker('run-ctl');
    await waitFor(async () => (await posted(chats[0]!.telegramId)).length >= 1, {
      timeoutMs: 20_000,
      intervalMs: 10,
    });
    h.fellows.controls.set('run-ctl', 'pause');
    await waitFor(() => of('run-ctl', 'ScriptHeartbeat').some((e) => e.payload.state === 'paused'));
    const paused = (await posted(chats[0]!.telegramId)).length;
    await sleep(2000); // more than two lines' worth of run time
    expect((await posted(chats[0]!.telegramId)).length).toBe(paused);
    h.fellows.controls.set('run-ctl', 'run');
    await waitFor(async () => (await posted(chats[0]!.telegramId)).length > paused, { timeoutMs: 20_000 });
    const t0 = Date.now();
    h.fellows.controls.set('run-ctl', 'stop');
    expect(await exited).toBe(0);
    const finished = await waitFor(() => of('run-ctl', 'ScriptFinished')[0]);
    expect(finished.at - t0).toBeLessThan(2000);
    expect(finished.payload.status).toBe('stopped');
    expect((await posted(chats[0]!.telegramId)).length).toBeLessThan(6);
  });

  it('refuses an account another worker holds (never two live sessions)', async () => {
    const chats = await newChats(1);
    h.fellows.leases.set('acc-2', { holder: 'scripts-worker:other-run:1', expires: Date.now() + 60_000 });
    h.fellows.plan('run-held', shortScript, chats, accounts);
    const { exited } = await startWorker('run-held', 1, { LEASE_WAIT_SECONDS: '1' });
    expect(await exited).toBe(0);
    await finishedOf('run-held');
    expect(of('run-held', 'ScriptFinished')[0]!.payload).toMatchObject({
      status: 'failed',
      problems: [{ chat_id: null, reason: 'account_in_use' }],
    });
    expect(await posted(chats[0]!.telegramId)).toEqual([]);
    h.fellows.leases.delete('acc-2');
  });
});
