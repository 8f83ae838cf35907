import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactSuppressed, LeadOptedOut } from '@switchyard/contracts';
import { sleep } from '@switchyard/testing';
import { startBotHarness, waitFor, worldEvents, type BotHarness } from './support';

describe('bot: one account worker against the Telegram sandbox', () => {
  let h: BotHarness;
  let acc: { id: string; userId: string };
  beforeAll(async () => {
    // Sandbox and worker run 60x faster: a 90 s offer gap is 1.5 s, typing at least 25 ms.
    h = await startBotHarness({ botEnv: { BOT_JITTER_SECONDS: '0' } });
    acc = await h.account();
    const w = await h.worker(acc.id);
    await h.ready(w.running);
  });
  afterAll(async () => h?.stop());

  it('sends a requested message after not_before, typing first, and reports it', async () => {
    const lead = await h.user({ username: 'lead_anna', firstName: 'Anna' });
    const notBefore = new Date(Date.now() + 700);
    const req = await h.request({
      account_id: acc.id,
      user_id: lead.id,
      username: 'lead_anna',
      not_before: notBefore.toISOString(),
    });
    const sent = await waitFor(() => h.recorded.sent.find((s) => s.outbound_id === req.outbound_id), {
      message: 'sent',
    });
    expect(new Date(sent.sent_at).getTime()).toBeGreaterThanOrEqual(notBefore.getTime());
    expect(sent).toMatchObject({
      account_id: acc.id,
      user_id: lead.id,
      lead_id: req.lead_id,
      text: req.text,
    });
    const dialog = await h.dialog(acc.userId, lead.id);
    expect(dialog.map((m: any) => [m.sender?.id, m.text])).toEqual([[acc.userId, req.text]]);
    expect(dialog[0].id).toBe(sent.telegram_message_id);
    const events = await worldEvents(h.sandbox.url);
    const chat = dialog[0].chatId;
    const forDialog = events.filter((e) => e.data.chatId === chat);
    expect(forDialog.map((e) => e.event).slice(0, 2)).toEqual(['typing', 'message']);
  });

  it('keeps the gap between first messages of one account', async () => {
    const [a, b] = [await h.user(), await h.user()];
    const r1 = await h.request({ account_id: acc.id, user_id: a.id });
    const r2 = await h.request({ account_id: acc.id, user_id: b.id });
    const s1 = await waitFor(() => h.recorded.sent.find((s) => s.outbound_id === r1.outbound_id));
    const s2 = await waitFor(() => h.recorded.sent.find((s) => s.outbound_id === r2.outbound_id), {
      message: 'second',
    });
    // BOT_OFFER_GAP_SECONDS 90 at 60x: 1.5 s.
    expect(new Date(s2.sent_at).getTime() - new Date(s1.sent_at).getTime()).toBeGreaterThanOrEqual(1450);
  });

  it('re-checks the do-not-contact list right before sending', async () => {
    const lead = await h.user();
    const req = await h.request({
      account_id: acc.id,
      user_id: lead.id,
      not_before: new Date(Date.now() + 1500).toISOString(),
    });
    await h.publish(LeadOptedOut, {
      user_id: lead.id,
      account_id: null,
      phrase: 'stop',
      at: new Date().toISOString(),
    });
    const failed = await waitFor(() => h.recorded.failed.find((f) => f.outbound_id === req.outbound_id), {
      message: 'refused',
    });
    expect(failed).toMatchObject({ reason: 'suppressed', retryable: false });
    expect(await h.dialog(acc.userId, lead.id)).toEqual([]);
    // Operators' entries by username count too.
    const other = await h.user({ username: 'blocked_user' });
    await h.publish(ContactSuppressed, {
      suppression_id: 'sup-1',
      user_id: null,
      username: 'Blocked_User',
      reason: 'asked',
      at: new Date().toISOString(),
    });
    await sleep(200);
    const req2 = await h.request({ account_id: acc.id, user_id: other.id, username: 'blocked_user' });
    expect(
      (await waitFor(() => h.recorded.failed.find((f) => f.outbound_id === req2.outbound_id))).reason,
    ).toBe('suppressed');
  });

  it('turns replies into LeadReplied, and an opt-out phrase into LeadOptedOut (then refuses that user)', async () => {
    const lead = await h.user({ persona: 'interested', lang: 'en' });
    const req = await h.request({ account_id: acc.id, user_id: lead.id, kind: 'reply', text: 'Hi there' });
    await waitFor(() => h.recorded.sent.find((s) => s.outbound_id === req.outbound_id));
    // The simulated user answers within 120 sandbox seconds (2 s here).
    const answer = await waitFor(() => h.recorded.replies.find((r) => r.user_id === lead.id), {
      message: 'the reply',
    });
    expect(answer.account_id).toBe(acc.id);
    expect(h.recorded.optOuts.find((o) => o.user_id === lead.id)).toBeUndefined();
    await h.world('POST', `/world/users/${lead.id}/messages`, {
      to: acc.userId,
      text: 'STOP!!! Не пишите мне.',
    });
    const out = await waitFor(() => h.recorded.optOuts.find((o) => o.user_id === lead.id), {
      message: 'the opt-out',
    });
    expect(out).toMatchObject({ account_id: acc.id, phrase: 'stop' });
    expect(h.recorded.replies.filter((r) => r.user_id === lead.id).map((r) => r.text)).toContain(
      'STOP!!! Не пишите мне.',
    );
    const later = await h.request({
      account_id: acc.id,
      user_id: lead.id,
      kind: 'reply',
      text: 'Sorry to hear that',
    });
    expect(
      (await waitFor(() => h.recorded.failed.find((f) => f.outbound_id === later.outbound_id))).reason,
    ).toBe('suppressed');
  });

  it("HTML and markup in texts are sent as they are (the original's HTML parse error killed its consumer)", async () => {
    const lead = await h.user();
    const text = '<b>50% off</b> & <a href="x">link</a> <unclosed';
    const req = await h.request({ account_id: acc.id, user_id: lead.id, kind: 'operator', text });
    await waitFor(() => h.recorded.sent.find((s) => s.outbound_id === req.outbound_id));
    expect((await h.dialog(acc.userId, lead.id))[0].text).toBe(text);
    await h.world('POST', `/world/users/${lead.id}/messages`, {
      to: acc.userId,
      text: '<i>unbalanced</b> & ok',
    });
    await waitFor(() => h.recorded.replies.find((r) => r.text === '<i>unbalanced</b> & ok'));
  });

  it('reuses one connection for every message (the original reconnected per message)', async () => {
    const accounts = await h.world<{ items: any[] }>('GET', '/world/accounts');
    const mine = accounts.items.find((a) => a.userId === acc.userId);
    // The test's sign-in plus the worker's one connection.
    expect(mine.signedInSessions).toBeLessThanOrEqual(2);
    expect(mine.dmsSent).toBeGreaterThanOrEqual(5);
  });
});
