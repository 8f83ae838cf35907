import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_WORKER_EXIT } from '@switchyard/contracts';
import { sleep } from '@switchyard/testing';
import { startParserHarness, waitFor, type ParserHarness } from './support';

describe('parser: the account worker against the sandbox and the admin', () => {
  let h: ParserHarness;
  let seq = 0;
  beforeAll(async () => {
    // Sandbox and worker 60x faster: a 30 s FloodWait is 0.5 s.
    h = await startParserHarness();
  });
  afterAll(async () => h?.stop());

  /** A parser account assigned to a new campaign over `n` new chats, each with a member. */
  async function setup(n = 1, plus = ['coworking']) {
    const acc = await h.account('parser');
    const chats = [];
    for (let i = 0; i < n; i++)
      chats.push(await h.chat({ username: `work_chat_${++seq}`, title: `Work ${seq}`, lang: 'en' }));
    const campaign = await h.campaign({
      chats: chats.map((c) => ({ username: c.username })),
      plus,
      languages: ['en'],
    });
    await h.assign(acc.id, campaign.id);
    return { acc, chats, campaign };
  }
  const leadOf = (userId: string) =>
    waitFor(() => h.recorded.leads.find((l) => l.user_id === userId), { message: `the lead of ${userId}` });

  it('applies keyword and chat changes without a restart (the assignment revision)', async () => {
    const { acc, chats, campaign } = await setup(1);
    const w = await h.worker(acc.id);
    const first = await h.watching(w.running, 1);
    const other = await h.chat({ username: `work_chat_${++seq}`, title: 'Added later', lang: 'en' });
    const added = await h.api('POST', '/chats', { username: other.username }, 201);
    await h.api('PATCH', `/campaigns/${campaign.id}`, {
      plusKeywords: ['coworking', 'hot desk'],
      targetChatIds: [...campaign.chatIds, added.id],
    });
    const second = await h.watching(w.running, 2);
    expect(second.revision).not.toBe(first.revision);
    const u = await h.user({ chatIds: [other.id], username: `desk_user_${seq}` });
    await h.post(other.id, u.id, 'Any hot desks free tomorrow?');
    expect((await leadOf(u.id)).matched_keywords).toEqual(['hot desk']);
    // The first chat still works, with the new keyword too.
    const v = await h.user({ chatIds: [chats[0]!.id] });
    await h.post(chats[0]!.id, v.id, 'coworking with a hot desk please');
    expect((await leadOf(v.id)).matched_keywords).toEqual(['coworking', 'hot desk']);
    expect(w.exits).toEqual([]);
  });

  it('leaves a chat dropped from its campaign and goes on with the other; a chat it was in before stays', async () => {
    const { acc, chats, campaign } = await setup(2);
    const [kept, dropped] = chats as [{ id: string }, { id: string }];
    // A chat the account was in before the worker ran, and that no campaign has.
    const before = await h.chat({ username: `work_chat_${++seq}`, title: 'Joined before', lang: 'en' });
    await h.world('POST', `/world/chats/${before.id}/members`, { userId: acc.telegramUserId });
    const isMember = async (chatId: string) => {
      const { items } = await h.world<{ items: { id: string }[] }>('GET', `/world/chats/${chatId}/members`);
      return items.some((u) => u.id === acc.telegramUserId);
    };
    const w = await h.worker(acc.id);
    await h.watching(w.running, 2);
    expect(await isMember(dropped.id)).toBe(true);
    await h.api('PATCH', `/campaigns/${campaign.id}`, { targetChatIds: [campaign.chatIds[0]] });
    await waitFor(async () => !(await isMember(dropped.id)), { message: 'the account leaving the chat' });
    await h.watching(w.running, 1);
    expect(await isMember(kept.id)).toBe(true);
    expect(await isMember(before.id)).toBe(true);
    const gone = await h.user({ chatIds: [dropped.id] });
    await h.post(dropped.id, gone.id, 'coworking in the chat it left?');
    const stays = await h.user({ chatIds: [kept.id] });
    await h.post(kept.id, stays.id, 'coworking in the chat it kept');
    await leadOf(stays.id);
    await sleep(300);
    expect(h.recorded.leads.find((l) => l.user_id === gone.id)).toBeUndefined();
    const metrics = await (await fetch(`${w.running.url}/metrics`)).text();
    expect(metrics).toMatch(/^coolthing_parser_chats_left_total(\{[^}]*\})? 1$/m);
    expect(w.exits).toEqual([]);
  });

  it('one lead per user per campaign within the window; after it, the user is a lead again', async () => {
    const { acc, chats } = await setup(1);
    const w = await h.worker(acc.id, { PARSER_DEDUP_WINDOW_SECONDS: '1.5' });
    await h.watching(w.running, 1);
    const u = await h.user({ chatIds: [chats[0]!.id] });
    const leadsOf = () => h.recorded.leads.filter((l) => l.user_id === u.id);
    await h.post(chats[0]!.id, u.id, 'coworking, first ask');
    await leadOf(u.id);
    await h.post(chats[0]!.id, u.id, 'coworking, asking again');
    await sleep(400);
    expect(leadsOf()).toHaveLength(1);
    await sleep(1300);
    await h.post(chats[0]!.id, u.id, 'coworking, a day later');
    await waitFor(() => leadsOf().length === 2, { message: 'the second lead' });
    expect(leadsOf().map((l) => l.message)).toEqual(['coworking, first ask', 'coworking, a day later']);
  });

  it('a chat it cannot join is reported once, not again when the assignment changes', async () => {
    const { acc, campaign } = await setup(1);
    const gone = await h.api('POST', '/chats', { username: `gone_chat_${++seq}` }, 201);
    await h.api('PATCH', `/campaigns/${campaign.id}`, { targetChatIds: [...campaign.chatIds, gone.id] });
    const w = await h.worker(acc.id);
    const first = await h.watching(w.running, 1);
    expect(first.chatsUnavailable).toBe(1);
    await h.api('PATCH', `/campaigns/${campaign.id}`, { plusKeywords: ['coworking', 'office'] });
    await waitFor(async () => (await h.status(w.running)).revision !== first.revision, {
      message: 'the new revision',
    });
    await sleep(400);
    const reports = h.recorded.unavailable.filter((r) => r.account_id === acc.id);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ chat_id: gone.id, reason: 'bad_link', campaign_id: campaign.id });
    expect((await h.status(w.running)).chatsUnavailable).toBe(1);
  });

  it('sends heartbeats with its counters for the watchdog', async () => {
    const { acc, chats } = await setup(1);
    const w = await h.worker(acc.id);
    await h.watching(w.running, 1);
    const u = await h.user({ chatIds: [chats[0]!.id] });
    await h.post(chats[0]!.id, u.id, 'need a coworking space');
    await leadOf(u.id);
    const beat = await waitFor(() =>
      h.recorded.heartbeats.find((b) => b.account_id === acc.id && b.state === 'running' && b.leads === 1),
    );
    expect(beat).toMatchObject({
      role: 'parser',
      campaigns: 1,
      chats_watched: 1,
      chats_unavailable: 0,
      messages_seen: 1,
    });
    expect(beat.holder).toBe((await h.status(w.running)).holder);
    expect(h.recorded.heartbeats.some((b) => b.account_id === acc.id && b.state === 'starting')).toBe(true);
  });

  it('waits out a short FloodWait when joining, then watches the chat', async () => {
    const { acc } = await setup(1);
    await h.world('POST', '/world/faults', {
      kind: 'flood_wait',
      accountId: acc.worldId,
      seconds: 30,
      operation: 'join',
    });
    const w = await h.worker(acc.id);
    await h.watching(w.running, 1);
    const metrics = await (await fetch(`${w.running.url}/metrics`)).text();
    expect(metrics).toMatch(/^coolthing_parser_flood_waits_total\{kind="short"[^}]*\} 1$/m);
    expect(w.exits).toEqual([]);
    expect(h.recorded.floods.find((f) => f.account_id === acc.id)).toBeUndefined();
  });

  it('a long FloodWait: AccountFloodWait, the admin told (it moves the chats), exit floodWait', async () => {
    const { acc } = await setup(1);
    await h.world('POST', '/world/faults', {
      kind: 'flood_wait',
      accountId: acc.worldId,
      seconds: 7200,
      operation: 'join',
    });
    const w = await h.worker(acc.id);
    await waitFor(() => w.exits.length > 0, { message: 'the worker exiting' });
    expect(w.exits).toEqual([ACCOUNT_WORKER_EXIT.floodWait]);
    const flood = h.recorded.floods.find((f) => f.account_id === acc.id)!;
    expect(flood.seconds).toBe(7200);
    // 7200 sandbox seconds at 60x: two real minutes.
    expect(new Date(flood.until).getTime() - Date.now()).toBeGreaterThan(60_000);
    const account = await h.api('GET', `/accounts/${acc.id}`);
    expect(account.status).toBe('flood_wait');
    // While it waits, the admin gives this account no chats.
    const assignment = await h.internal('GET', `/internal/parser-assignments/${acc.id}`);
    expect(assignment.body.campaigns[0].chats).toEqual([]);
  });

  it('another worker holds the session lease: exit leaseHeld, the first goes on', async () => {
    const { acc, chats } = await setup(1);
    const w = await h.worker(acc.id);
    await h.watching(w.running, 1);
    const second = await h.worker(acc.id);
    await waitFor(() => second.exits.length > 0, { message: 'the second worker giving up' });
    expect(second.exits).toEqual([ACCOUNT_WORKER_EXIT.leaseHeld]);
    expect((await second.running.checkReady()).ok).toBe(false);
    await second.running.stop();
    const u = await h.user({ chatIds: [chats[0]!.id] });
    await h.post(chats[0]!.id, u.id, 'coworking anyone?');
    await leadOf(u.id);
    expect(w.exits).toEqual([]);
    // The second worker's stop did not give away the first one's lease.
    const lease = (await h.api('GET', `/accounts/${acc.id}`)).lease;
    expect(lease.holder).toBe((await h.status(w.running)).holder);
  });

  it('a lease taken by another holder: stops using the session at once, exit leaseHeld', async () => {
    const { acc } = await setup(1);
    const w = await h.worker(acc.id);
    const { holder } = await h.watching(w.running, 1);
    await h.internal('DELETE', `/internal/accounts/${acc.id}/lease?holder=${encodeURIComponent(holder)}`);
    const taken = await h.internal('POST', `/internal/accounts/${acc.id}/lease`, {
      holder: 'intruder',
      ttlSeconds: 30,
    });
    expect(taken.status).toBe(200);
    // Renewed every TTL/3 (1 s here).
    await waitFor(() => w.exits.length > 0, { message: 'the worker noticing' });
    expect(w.exits).toEqual([ACCOUNT_WORKER_EXIT.leaseHeld]);
    expect((await h.api('GET', `/accounts/${acc.id}`)).lease.holder).toBe('intruder');
  });

  it('watches each chat as soon as it is joined, not after the last join', async () => {
    const { acc, chats } = await setup(2);
    const w = await h.worker(acc.id, { PARSER_JOIN_GAP_MS: '4000' });
    await waitFor(async () => (await h.status(w.running)).chatsWatched === 1, {
      message: 'the first chat watched',
    });
    const users: { id: string }[] = [];
    for (const chat of chats) {
      const u = await h.user({ chatIds: [chat.id] });
      users.push(u);
      await h.post(chat.id, u.id, 'is there a coworking here?');
    }
    await waitFor(() => h.recorded.leads.find((l) => users.some((u) => u.id === l.user_id)), {
      message: 'a lead',
    });
    expect((await h.status(w.running)).chatsWatched).toBe(1);
    await h.watching(w.running, 2);
  });

  it('a ban: the admin told, exit banned; no AccountBanned of its own (the watchdog reports it)', async () => {
    const { acc, chats } = await setup(1);
    const w = await h.worker(acc.id);
    await h.watching(w.running, 1);
    await h.world('POST', '/world/faults', { kind: 'account_banned', accountId: acc.worldId });
    // The next call of the account (reading the sender's profile) finds the ban.
    const u = await h.user({ chatIds: [chats[0]!.id] });
    await h.post(chats[0]!.id, u.id, 'coworking near the station?');
    await waitFor(() => w.exits.length > 0, { message: 'the worker exiting' });
    expect(w.exits).toEqual([ACCOUNT_WORKER_EXIT.banned]);
    const account = await h.api('GET', `/accounts/${acc.id}`);
    expect(account).toMatchObject({
      status: 'banned',
      statusReason: expect.stringMatching(/USER_DEACTIVATED_BAN/),
    });
    await sleep(200);
    expect(w.exits).toEqual([ACCOUNT_WORKER_EXIT.banned]);
    expect(h.recorded.bans.filter((b) => b.worker_id === acc.id)).toEqual([]);
  });

  it('a ban in a quiet chat: the periodic account check finds it, exit banned', async () => {
    const { acc } = await setup(1);
    // No message will call for Telegram: only the account check can find the ban.
    const w = await h.worker(acc.id, { PARSER_ACCOUNT_CHECK_SECONDS: '0.5' });
    await h.watching(w.running, 1);
    await h.world('POST', '/world/faults', { kind: 'account_banned', accountId: acc.worldId });
    await waitFor(() => w.exits.length > 0, { message: 'the worker exiting' });
    expect(w.exits).toEqual([ACCOUNT_WORKER_EXIT.banned]);
    await waitFor(async () => (await h.api('GET', `/accounts/${acc.id}`)).status === 'banned', {
      message: 'the admin marking the account banned',
    });
  });

  it('a banned account found at connect: exit banned', async () => {
    const { acc } = await setup(1);
    await h.world('POST', '/world/faults', { kind: 'account_banned', accountId: acc.worldId });
    const w = await h.worker(acc.id);
    await waitFor(() => w.exits.length > 0, { message: 'the worker exiting' });
    expect(w.exits).toEqual([ACCOUNT_WORKER_EXIT.banned]);
    await waitFor(async () => (await h.api('GET', `/accounts/${acc.id}`)).status === 'banned');
    await sleep(200);
    expect(h.recorded.bans.filter((b) => b.worker_id === acc.id)).toEqual([]);
  });

  it('an account with no campaign watches nothing and keeps running; one that is not a parser exits done', async () => {
    const acc = await h.account('parser');
    const w = await h.worker(acc.id);
    const status = await h.watching(w.running, 0);
    expect(status.campaigns).toBe(0);
    expect(w.exits).toEqual([]);
    const manager = await h.account('manager');
    const notParser = await h.worker(manager.id);
    await waitFor(() => notParser.exits.length > 0);
    expect(notParser.exits).toEqual([ACCOUNT_WORKER_EXIT.done]);
  });

  it('GET /internal/status is for fellow services only', async () => {
    const { acc } = await setup(1);
    const w = await h.worker(acc.id);
    await h.watching(w.running, 1);
    const res = await fetch(`${w.running.url}/internal/status`);
    expect(res.status).toBeGreaterThanOrEqual(401);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
