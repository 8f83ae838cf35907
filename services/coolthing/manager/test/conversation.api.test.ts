import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeadOptedOut, LeadReplied, NewTargetMessage, OutboundMessageSent } from '@switchyard/contracts';
import { sleep } from '@switchyard/testing';
import { account, campaign, lead, startHarness, waitFor, type Harness } from './support';

describe('manager: conversations, takeover, opt-outs and the audit log', () => {
  let h: Harness;
  let msgId = 5000;
  beforeAll(async () => {
    h = await startHarness({ env: { MANAGER_REPLY_BATCH_SECONDS: '0.6' } });
    h.admin.set(
      campaign('conv-c', {
        pacing: { newLeadDelaySeconds: { min: 0, max: 0 }, answerDelaySeconds: { min: 2, max: 2 } },
        accounts: [account('conv-a1')],
      }),
    );
    h.admin.set(campaign('conv-d', { accounts: [account('conv-a1')] }));
    h.admin.set(campaign('conv-e', { accounts: [account('conv-a1')] }));
  });
  afterAll(async () => h?.stop());

  /** A lead that got its offer: the request and its delivery. */
  async function contacted(campaignId = 'conv-c', extra = {}) {
    const l = lead(campaignId, extra);
    await h.publish(NewTargetMessage, l);
    const offer = await waitFor(() => h.requests.find((r) => r.user_id === l.user_id && r.kind === 'offer'));
    await h.deliver(offer);
    await h.waitLead(offer.lead_id, (x) => x.status === 'contacted');
    return { l, offer };
  }
  const reply = (accountId: string, userId: string, text: string, username: string | null = null) =>
    h.publish(LeadReplied, {
      account_id: accountId,
      user_id: userId,
      username,
      telegram_message_id: ++msgId,
      text,
      received_at: new Date().toISOString(),
    });
  const answers = (userId: string) => h.requests.filter((r) => r.user_id === userId && r.kind === 'reply');

  it('batches messages that come together into one answer, sent after the answer delay', async () => {
    const { l, offer } = await contacted();
    const t0 = Date.now();
    await reply(offer.account_id, l.user_id, 'hi');
    await sleep(200);
    await reply(offer.account_id, l.user_id, 'how much is it?');
    const answer = await waitFor(() => answers(l.user_id)[0], { message: 'the answer' });
    await sleep(900);
    expect(answers(l.user_id)).toHaveLength(1);
    expect(answer.text).toMatch(/Good question|Thanks for asking/);
    expect(new Date(answer.not_before).getTime() - t0).toBeGreaterThanOrEqual(2000);
    const view = await h.lead(offer.lead_id);
    expect(view.status).toBe('replied');
    expect(view.repliedAt).toEqual(expect.any(String));
  });

  it("takeover stops automatic answers; the operator writes from the lead's account", async () => {
    const { l, offer } = await contacted();
    expect((await h.api('POST', `/leads/${offer.lead_id}/takeover`, { as: 'viewer' })).status).toBe(403);
    const taken = await h.api('POST', `/leads/${offer.lead_id}/takeover`);
    expect(taken.body).toMatchObject({ takenOverBy: 'test-operator', autoReply: false });
    await reply(offer.account_id, l.user_id, 'yes, tell me more');
    await sleep(1200);
    expect(answers(l.user_id)).toHaveLength(0);
    const sent = await h.api('POST', `/leads/${offer.lead_id}/messages`, {
      body: { text: 'Sure! Call me at 5pm?' },
    });
    expect(sent.status).toBe(202);
    const op = await waitFor(() => h.requests.find((r) => r.outbound_id === sent.body.outboundId));
    expect(op).toMatchObject({
      kind: 'operator',
      account_id: offer.account_id,
      text: 'Sure! Call me at 5pm?',
    });
    // Switching automatic answers back on ends the takeover.
    const on = await h.api('PUT', `/leads/${offer.lead_id}/auto-reply`, { body: { enabled: true } });
    expect(on.body).toMatchObject({ autoReply: true, takenOverBy: null });
    await reply(offer.account_id, l.user_id, 'and where are you?');
    await waitFor(() => answers(l.user_id)[0], { message: 'an answer after the switch' });
  });

  it('the per-lead auto-reply switch off: replies are stored, not answered', async () => {
    const { l, offer } = await contacted();
    await h.api('PUT', `/leads/${offer.lead_id}/auto-reply`, { body: { enabled: false } });
    await reply(offer.account_id, l.user_id, 'ok');
    await sleep(1200);
    expect(answers(l.user_id)).toHaveLength(0);
    expect((await h.lead(offer.lead_id)).conversation.map((m: any) => m.text)).toContain('ok');
  });

  it('a DM from someone without a lead is kept as a conversation without automatic answers (the original crashed)', async () => {
    await reply('conv-a1', '999001', 'hello? who is this', 'stranger');
    const id = await h.leadIdOf('999001');
    const view = await h.lead(id);
    expect(view).toMatchObject({
      origin: 'direct',
      campaignId: null,
      status: 'replied',
      autoReply: false,
      accountId: 'conv-a1',
      user: { id: '999001', username: 'stranger' },
    });
    expect(view.conversation).toEqual([
      expect.objectContaining({ direction: 'in', text: 'hello? who is this' }),
    ]);
    await reply('conv-a1', '999001', 'hello??');
    await sleep(1000);
    expect(answers('999001')).toHaveLength(0);
    expect((await h.lead(id)).conversation).toHaveLength(2);
    expect((await h.api('PUT', `/leads/${id}/auto-reply`, { body: { enabled: true } })).status).toBe(409);
    const sent = await h.api('POST', `/leads/${id}/messages`, {
      body: { text: 'Hi! This is Hive Coworking.' },
    });
    expect(sent.status).toBe(202);
    expect(h.requests.find((r) => r.outbound_id === sent.body.outboundId)?.campaign_id).toBe('direct');
  });

  it('an opt-out suppresses the user for every campaign at once', async () => {
    const { l, offer } = await contacted('conv-c');
    // The same person is also a lead of a second campaign, waiting for review there.
    h.admin.set(campaign('conv-d', { approvalMode: 'review', accounts: [account('conv-a1')] }));
    await h.publish(NewTargetMessage, { ...lead('conv-d'), user_id: l.user_id, username: l.username });
    const second = await waitFor(async () => {
      const rows = await (
        await h.db()
      )
        .selectFrom('leads')
        .selectAll()
        .where('user_id', '=', l.user_id)
        .where('campaign_id', '=', 'conv-d')
        .execute();
      return rows[0]?.status === 'in_review' ? rows[0] : null;
    });
    await h.publish(LeadOptedOut, {
      user_id: l.user_id,
      account_id: offer.account_id,
      phrase: 'stop',
      at: new Date().toISOString(),
    });
    await h.waitLead(offer.lead_id, (x) => x.status === 'opted_out');
    const secondView = await h.waitLead(second.id, (x) => x.status === 'opted_out');
    expect(secondView.statusReason).toBe('opted out: "stop"');
    expect((await h.api('POST', `/leads/${second.id}/draft/approve`, { body: {} })).status).toBe(409);
    expect(
      (await h.api('POST', `/leads/${offer.lead_id}/messages`, { body: { text: 'one more?' } })).status,
    ).toBe(409);
    // A third campaign finds them later: never contacted.
    await h.publish(NewTargetMessage, { ...lead('conv-e'), user_id: l.user_id, username: l.username });
    await waitFor(async () => {
      const rows = await (
        await h.db()
      )
        .selectFrom('leads')
        .selectAll()
        .where('user_id', '=', l.user_id)
        .where('campaign_id', '=', 'conv-e')
        .execute();
      return rows[0]?.status === 'opted_out';
    });
    await sleep(500);
    expect(h.requests.filter((r) => r.user_id === l.user_id && r.kind === 'offer')).toHaveLength(1);
    // The user's own opt-out cannot be removed by anyone.
    const entry = (await h.api('GET', `/suppressions?source=opt_out&q=${l.user_id}`, { as: 'viewer' })).body
      .items[0];
    expect(entry).toMatchObject({ userId: l.user_id, phrase: 'stop', accountId: offer.account_id });
    expect((await h.api('DELETE', `/suppressions/${entry.id}`, { as: 'owner' })).status).toBe(409);
  });

  it('operators add and admins remove do-not-contact entries; workers are told', async () => {
    const added = await h.api('POST', '/suppressions', {
      body: { username: '@SomeUser', reason: 'complained' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ username: 'SomeUser', source: 'operator', addedBy: 'test-operator' });
    expect((await h.api('POST', '/suppressions', { body: { username: 'someuser' } })).status).toBe(200);
    expect((await h.api('POST', '/suppressions', { body: {} })).status).toBe(400);
    expect((await h.api('POST', '/suppressions', { body: { userId: 'abc' } })).status).toBe(400);
    expect((await h.api('DELETE', `/suppressions/${added.body.id}`)).status).toBe(403);
    expect((await h.api('DELETE', `/suppressions/${added.body.id}`, { as: 'admin' })).status).toBe(204);
    await waitFor(() =>
      h.suppressionEvents.find(
        (e) => e.type === 'ContactUnsuppressed' && e.payload.suppression_id === added.body.id,
      ),
    );
  });

  it('records every message that went out in the audit log, once', async () => {
    const { l, offer } = await contacted('conv-e');
    const sent = {
      outbound_id: offer.outbound_id,
      lead_id: offer.lead_id,
      campaign_id: 'conv-e',
      account_id: offer.account_id,
      user_id: l.user_id,
      telegram_message_id: 4242,
      text: offer.text,
      sent_at: new Date().toISOString(),
    };
    await h.publish(OutboundMessageSent, sent);
    const page = await waitFor(async () => {
      const res = await h.api('GET', `/audit?userId=${l.user_id}`, { as: 'viewer' });
      return res.body.items.length > 0 ? res.body : null;
    });
    await sleep(300);
    const again = await h.api('GET', `/audit?userId=${l.user_id}`, { as: 'viewer' });
    expect(again.body.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      outboundId: offer.outbound_id,
      leadId: offer.lead_id,
      campaignId: 'conv-e',
      accountId: offer.account_id,
      userId: l.user_id,
      username: l.username,
      kind: 'offer',
      text: offer.text,
      requestedBy: 'auto',
      why: expect.stringMatching(/^automatic offer \(campaign "Campaign conv-e", keywords: coworking\)/),
    });
    expect(
      (await h.api('GET', '/audit?kind=offer&campaignId=conv-e&limit=1', { as: 'viewer' })).body.items,
    ).toHaveLength(1);
    expect((await h.api('GET', '/audit', { as: null })).status).toBe(401);
    expect((await h.api('GET', '/audit?cursor=abc', { as: 'viewer' })).status).toBe(400);
  });
});
