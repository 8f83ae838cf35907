import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '@switchyard/testing';
import { startBotHarness, waitFor, type BotHarness } from './support';

describe('bot: Telegram failures and their reactions', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ botEnv: { BOT_JITTER_SECONDS: '0', BOT_OFFER_GAP_SECONDS: '6' } });
  });
  afterAll(async () => h?.stop());

  async function running() {
    const acc = await h.account();
    const w = await h.worker(acc.id);
    await h.ready(w.running);
    return { acc, w };
  }
  const failedOf = (id: string) =>
    waitFor(() => h.recorded.failed.find((f) => f.outbound_id === id), { message: `failure of ${id}` });
  const sentOf = (id: string) =>
    waitFor(() => h.recorded.sent.find((f) => f.outbound_id === id), { message: `send of ${id}` });

  it("a recipient's privacy settings fail the message with the reason, for good", async () => {
    const { acc } = await running();
    const lead = await h.user({ privacyRestricted: true });
    const req = await h.request({ account_id: acc.id, user_id: lead.id });
    expect(await failedOf(req.outbound_id)).toMatchObject({
      reason: 'privacy_restricted',
      retryable: false,
      account_id: acc.id,
    });
  });

  it('waits out a short FloodWait and sends', async () => {
    const { acc } = await running();
    await h.world('POST', '/world/faults', {
      kind: 'flood_wait',
      accountId: acc.worldId,
      seconds: 30,
      times: 1,
    });
    const lead = await h.user();
    const t0 = Date.now();
    const req = await h.request({ account_id: acc.id, user_id: lead.id });
    const sent = await sentOf(req.outbound_id);
    // 30 sandbox seconds at 60x.
    expect(new Date(sent.sent_at).getTime() - t0).toBeGreaterThanOrEqual(450);
    expect(h.recorded.failed.find((f) => f.outbound_id === req.outbound_id)).toBeUndefined();
  });

  it('a long FloodWait: reported (event and admin status), the waiting messages given back for another account', async () => {
    const { acc } = await running();
    await h.world('POST', '/world/faults', {
      kind: 'flood_wait',
      accountId: acc.worldId,
      seconds: 7200,
      times: 1,
    });
    const [a, b] = [await h.user(), await h.user()];
    const r1 = await h.request({ account_id: acc.id, user_id: a.id });
    const r2 = await h.request({
      account_id: acc.id,
      user_id: b.id,
      not_before: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(await failedOf(r1.outbound_id)).toMatchObject({ reason: 'flood_wait', retryable: true });
    expect(await failedOf(r2.outbound_id)).toMatchObject({ reason: 'flood_wait', retryable: true });
    const flood = await waitFor(() => h.recorded.floods.find((f) => f.account_id === acc.id));
    expect(flood.seconds).toBe(7200);
    const status = await waitFor(() => h.admin.statuses.find((s) => s.accountId === acc.id));
    expect(status.body).toMatchObject({ status: 'flood_wait', until: flood.until });
  });

  it('PeerFlood: the account is limited, first messages go back, conversations go on', async () => {
    const { acc } = await running();
    await h.world('POST', '/world/faults', { kind: 'peer_flood', accountId: acc.worldId, times: 1 });
    const [a, b, c] = [await h.user(), await h.user(), await h.user()];
    const r1 = await h.request({ account_id: acc.id, user_id: a.id });
    expect(await failedOf(r1.outbound_id)).toMatchObject({ reason: 'peer_flood', retryable: true });
    const limited = await waitFor(() => h.admin.statuses.find((s) => s.accountId === acc.id));
    expect(limited.body.status).toBe('limited');
    const r2 = await h.request({ account_id: acc.id, user_id: b.id });
    expect(await failedOf(r2.outbound_id)).toMatchObject({ reason: 'account_limited', retryable: true });
    const r3 = await h.request({
      account_id: acc.id,
      user_id: c.id,
      kind: 'reply',
      text: 'Thanks for your answer!',
    });
    await sentOf(r3.outbound_id);
  });

  it('a ban: the admin told, everything given back, the worker stops; no AccountBanned of its own', async () => {
    const { acc, w } = await running();
    await h.world('POST', '/world/faults', { kind: 'ban_after_dms', accountId: acc.worldId, afterDms: 1 });
    const [a, b, c] = [await h.user(), await h.user(), await h.user()];
    const r1 = await h.request({ account_id: acc.id, user_id: a.id });
    await sentOf(r1.outbound_id);
    const r2 = await h.request({ account_id: acc.id, user_id: b.id });
    const r3 = await h.request({
      account_id: acc.id,
      user_id: c.id,
      not_before: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(await failedOf(r2.outbound_id)).toMatchObject({ reason: 'account_banned', retryable: true });
    expect(await failedOf(r3.outbound_id)).toMatchObject({ reason: 'account_banned', retryable: true });
    expect((await waitFor(() => h.admin.statuses.find((s) => s.accountId === acc.id))).body).toMatchObject({
      status: 'banned',
      reason: 'USER_DEACTIVATED_BAN',
    });
    await waitFor(() => w.exits.length > 0);
    expect(w.exits).toEqual([0]);
    // account.banned is the watchdog's, naming the replacement: the worker publishes none.
    await sleep(300);
    expect(h.recorded.bans.filter((x) => x.worker_id === acc.id)).toEqual([]);
  });

  it('refuses to run while another worker holds the session lease', async () => {
    const { acc, w } = await running();
    const second = await h.worker(acc.id);
    await waitFor(() => second.exits.length > 0, { message: 'the second worker giving up' });
    expect(second.exits).toEqual([1]);
    expect((await second.running.checkReady()).ok).toBe(false);
    // The first one still works.
    const lead = await h.user();
    const req = await h.request({ account_id: acc.id, user_id: lead.id });
    await sentOf(req.outbound_id);
    expect(w.exits).toEqual([]);
    // A graceful stop gives the lease back; the next worker takes over.
    await w.running.stop();
    expect(h.admin.leases.has(acc.id)).toBe(false);
    const third = await h.worker(acc.id);
    await h.ready(third.running);
  });

  it('after a crash mid-send the message is reported unconfirmed, never sent twice', async () => {
    const acc = await h.account();
    const lead = await h.user();
    // What a worker killed between "sending" and "sent" leaves behind.
    const db = await h.db();
    await db
      .insertInto('deliveries')
      .values({
        outbound_id: 'crashed-1',
        account_id: acc.id,
        lead_id: 'lead-x',
        campaign_id: 'camp-1',
        user_id: lead.id,
        username: null,
        kind: 'offer',
        text: 'maybe sent',
        not_before: new Date(),
        state: 'sending',
        attempts: 1,
      })
      .execute();
    const w = await h.worker(acc.id);
    await h.ready(w.running);
    expect(await failedOf('crashed-1')).toMatchObject({ reason: 'unconfirmed', retryable: false });
    await sleep(300);
    expect(await h.dialog(acc.userId, lead.id)).toEqual([]);
    const row = await db
      .selectFrom('deliveries')
      .selectAll()
      .where('outbound_id', '=', 'crashed-1')
      .executeTakeFirst();
    expect(row?.state).toBe('unconfirmed');
  });

  it('a request redelivered (same outbound id) is sent once', async () => {
    const { acc } = await running();
    const lead = await h.user();
    const req = await h.request({ account_id: acc.id, user_id: lead.id });
    await sentOf(req.outbound_id);
    await h.request({ ...req });
    await sleep(800);
    expect(h.recorded.sent.filter((s) => s.outbound_id === req.outbound_id)).toHaveLength(1);
    expect(await h.dialog(acc.userId, lead.id)).toHaveLength(1);
  });
});
