import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewTargetMessage } from '@switchyard/contracts';
import { sleep } from '@switchyard/testing';
import { campaign, lead, startHarness, waitFor, type Harness } from './support';

describe('manager: leads in auto and review mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.admin.set(campaign('auto-1'));
    h.admin.set(campaign('review-1', { approvalMode: 'review' }));
  });
  afterAll(async () => h?.stop());

  it('auto mode: a lead gets one offer drafted by the offline composer, to a manager account', async () => {
    const l = lead('auto-1', { first_name: 'Irina' });
    await h.publish(NewTargetMessage, l);
    const request = await waitFor(() => h.requests.find((r) => r.user_id === l.user_id), {
      message: 'the offer',
    });
    expect(request).toMatchObject({ kind: 'offer', campaign_id: 'auto-1', username: l.username });
    expect(['acc-1', 'acc-2']).toContain(request.account_id);
    expect(request.text).toMatch(/Irina/);
    expect(request.text).toMatch(/Hive Coworking/);
    const id = await h.leadIdOf(l.user_id);
    const view = await h.lead(id);
    expect(view).toMatchObject({
      status: 'queued',
      accountId: request.account_id,
      draft: { source: 'offline', attempts: 1 },
      user: { id: l.user_id, username: l.username, bio: 'Designer' },
      source: { message: l.message, chatTitle: 'Freelancers' },
      matchedKeywords: ['coworking'],
    });
    expect(view.outbound).toHaveLength(1);
    // The worker reports the send: the lead is contacted, the conversation has the offer.
    await h.deliver(request, 777);
    const contacted = await h.waitLead(id, (x) => x.status === 'contacted');
    expect(contacted.conversation).toEqual([
      expect.objectContaining({
        direction: 'out',
        kind: 'offer',
        text: request.text,
        telegramMessageId: 777,
      }),
    ]);
    await sleep(200);
    expect(h.requests.filter((r) => r.user_id === l.user_id)).toHaveLength(1);
  });

  it('one lead per user and campaign within the window; a redelivered event adds nothing', async () => {
    const l = lead('auto-1');
    const eventId = await h.publish(NewTargetMessage, l);
    await h.publish(NewTargetMessage, l, eventId);
    await h.publish(NewTargetMessage, { ...l, message_id: l.message_id + 1, message: 'again: coworking?' });
    const id = await h.leadIdOf(l.user_id);
    await waitFor(() => h.requests.find((r) => r.user_id === l.user_id));
    await waitFor(async () => (await h.lead(id)).mentions === 2, { message: 'two mentions' });
    await sleep(300);
    const rows = await (
      await h.db()
    )
      .selectFrom('leads')
      .select('id')
      .where('user_id', '=', l.user_id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(h.requests.filter((r) => r.user_id === l.user_id)).toHaveLength(1);
  });

  it('a user on the do-not-contact list becomes an opted-out lead and gets nothing', async () => {
    const l = lead('auto-1');
    const added = await h.api('POST', '/suppressions', {
      body: { userId: l.user_id, reason: 'asked by phone' },
    });
    expect(added.status).toBe(201);
    expect(h.suppressionEvents.map((e) => e.payload.user_id)).toContain(l.user_id);
    await h.publish(NewTargetMessage, l);
    const id = await h.leadIdOf(l.user_id);
    const view = await h.waitLead(id, (x) => x.status === 'opted_out');
    expect(view.statusReason).toMatch(/do-not-contact/);
    await sleep(300);
    expect(h.requests.filter((r) => r.user_id === l.user_id)).toHaveLength(0);
  });

  it('review mode: nothing is sent until approval; approval sends the edited draft', async () => {
    const l = lead('review-1');
    await h.publish(NewTargetMessage, l);
    const id = await h.leadIdOf(l.user_id);
    const inReview = await h.waitLead(id, (x) => x.status === 'in_review');
    expect(inReview.draft.text).toMatch(/Anna/);
    await sleep(400);
    expect(h.requests.filter((r) => r.user_id === l.user_id)).toHaveLength(0);

    expect((await h.api('POST', `/leads/${id}/draft/approve`, { as: 'viewer', body: {} })).status).toBe(403);
    expect((await h.api('POST', `/leads/${id}/draft/approve`, { as: null, body: {} })).status).toBe(401);
    const edited = await h.api('PUT', `/leads/${id}/draft`, {
      body: { text: 'Hello Anna, edited by hand.' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.draft).toMatchObject({ text: 'Hello Anna, edited by hand.', source: 'operator' });
    const approved = await h.api('POST', `/leads/${id}/draft/approve`, {
      body: { text: 'Hello Anna, final words.' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'queued', draft: { reviewedBy: 'test-operator' } });
    const request = await waitFor(() => h.requests.find((r) => r.user_id === l.user_id));
    expect(request.text).toBe('Hello Anna, final words.');
    expect((await h.api('POST', `/leads/${id}/draft/approve`, { body: {} })).status).toBe(409);
    const view = await h.lead(id);
    expect(view.outbound[0].why).toMatch(/approved by test-operator/);
  });

  it('review mode: a rejected draft is never sent', async () => {
    const l = lead('review-1');
    await h.publish(NewTargetMessage, l);
    const id = await h.leadIdOf(l.user_id);
    await h.waitLead(id, (x) => x.status === 'in_review');
    const rejected = await h.api('POST', `/leads/${id}/draft/reject`, {
      body: { reason: 'not our audience' },
    });
    expect(rejected.body).toMatchObject({
      status: 'failed',
      statusReason: 'draft rejected by test-operator: not our audience',
    });
    await sleep(300);
    expect(h.requests.filter((r) => r.user_id === l.user_id)).toHaveLength(0);
  });

  it('lists leads with filters and cursor pages, validates input', async () => {
    for (let i = 0; i < 3; i++)
      await h.publish(NewTargetMessage, lead('review-1', { message: `page test ${i} coworking` }));
    await waitFor(
      async () =>
        (await h.api('GET', '/leads?q=page%20test&status=in_review', { as: 'viewer' })).body.items.length ===
        3,
    );
    const first = await h.api('GET', '/leads?q=page%20test&limit=2', { as: 'viewer' });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await h.api('GET', `/leads?q=page%20test&limit=2&cursor=${first.body.nextCursor}`, {
      as: 'viewer',
    });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items].map((x: any) => x.id);
    expect(new Set(all).size).toBe(3);
    expect(all).toEqual([...all].sort().reverse());
    expect(
      (await h.api('GET', '/leads?campaignId=auto-1', { as: 'viewer' })).body.items.every(
        (x: any) => x.campaignId === 'auto-1',
      ),
    ).toBe(true);
    expect((await h.api('GET', '/leads?status=bogus', { as: 'viewer' })).status).toBe(400);
    expect((await h.api('GET', '/leads?limit=1000', { as: 'viewer' })).status).toBe(400);
    expect((await h.api('GET', '/leads?cursor=%%%', { as: 'viewer' })).status).toBe(400);
    expect((await h.api('GET', '/leads', { as: null })).status).toBe(401);
    expect((await h.api('GET', '/leads', { as: 'user' })).status).toBe(403);
    expect((await h.api('GET', '/leads/nope', { as: 'viewer' })).status).toBe(404);
  });

  it('notes, tags and statuses; an opted-out lead stays so', async () => {
    const l = lead('review-1');
    await h.publish(NewTargetMessage, l);
    const id = await h.leadIdOf(l.user_id);
    await h.waitLead(id, (x) => x.status === 'in_review');
    const noted = await h.api('PATCH', `/leads/${id}`, {
      body: { notes: 'called back', tags: ['vip', 'vip', 'b2b'] },
    });
    expect(noted.body).toMatchObject({ notes: 'called back', tags: ['vip', 'b2b'] });
    expect(
      (await h.api('GET', '/leads?tag=vip', { as: 'viewer' })).body.items.map((x: any) => x.id),
    ).toContain(id);
    expect((await h.api('PUT', `/leads/${id}/status`, { body: { status: 'bogus' } })).status).toBe(400);
    const out = await h.api('PUT', `/leads/${id}/status`, {
      body: { status: 'opted_out', reason: 'asked in the group' },
    });
    expect(out.body.status).toBe('opted_out');
    const sup = await h.api('GET', `/suppressions?q=${l.user_id}`, { as: 'viewer' });
    expect(sup.body.items[0]).toMatchObject({ userId: l.user_id, source: 'operator' });
    const back = await h.api('PUT', `/leads/${id}/status`, { body: { status: 'replied' } });
    expect(back.status).toBe(409);
    expect(back.body.detail).toMatch(/opted out/);
  });

  it('exports CSV (streamed) with escaping and the formula guard', async () => {
    const l = lead('auto-1', {
      first_name: '=HYPERLINK("http://x","y")',
      message: 'quote " and, comma\nnew line coworking',
    });
    await h.publish(NewTargetMessage, l);
    await h.leadIdOf(l.user_id);
    expect((await h.api('GET', '/leads/export.csv', { as: 'viewer' })).status).toBe(403);
    const res = await h.api('GET', `/leads/export.csv?campaignId=auto-1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="leads-/);
    // fetch's text() drops a BOM; the bytes keep it.
    expect(res.text.startsWith('id,created_at,status')).toBe(true);
    const raw = Buffer.from(
      await (
        await fetch(`${h.manager.url}/leads/export.csv?campaignId=auto-1`, {
          headers: { authorization: `Bearer ${await h.issuer.sign({ sub: 'op', roles: ['operator'] })}` },
        })
      ).arrayBuffer(),
    );
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(res.text).toContain('"quote "" and, comma\nnew line coworking"');
    expect(res.text).not.toContain('review-1');
  });
});
