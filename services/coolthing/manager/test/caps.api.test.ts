import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountBanned, NewTargetMessage, OutboundMessageFailed } from '@switchyard/contracts';
import { sleep } from '@switchyard/testing';
import { account, campaign, lead, startHarness, waitFor, type Harness } from './support';

const of = (h: Harness, campaignId: string) => h.requests.filter((r) => r.campaign_id === campaignId);

describe('manager: caps, warm-up, windows and rotation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { MANAGER_WARMUP_DAILY_CAPS: '2,4' } });
  });
  afterAll(async () => h?.stop());

  it('a campaign cap of N with N+2 leads: N offers, the rest wait with the reason', async () => {
    h.admin.set(
      campaign('cap-c', {
        caps: { perAccountPerDay: 100, perCampaignPerDay: 3 },
        accounts: [account('cap-a1'), account('cap-a2')],
      }),
    );
    const leads = Array.from({ length: 5 }, () => lead('cap-c'));
    for (const l of leads) await h.publish(NewTargetMessage, l);
    await waitFor(() => of(h, 'cap-c').length === 3, { message: 'three offers' });
    const waiting = await waitFor(async () => {
      const page = await h.api('GET', '/leads?campaignId=cap-c&status=queued', { as: 'viewer' });
      const w = page.body.items.filter((x: any) => x.schedule.waitReason?.includes('cap reached'));
      return w.length === 2 ? w : null;
    });
    expect(waiting[0].schedule.waitReason).toMatch(
      /new contacts per campaign per day \(3\); next chance at /,
    );
    await sleep(600);
    expect(of(h, 'cap-c')).toHaveLength(3);
    expect(new Set(of(h, 'cap-c').map((r) => r.user_id)).size).toBe(3);
  });

  it('warm-up: new accounts get a smaller daily cap; leads go round-robin between them', async () => {
    h.admin.set(
      campaign('warm-c', {
        accounts: [account('warm-a1', { warmupStage: 0 }), account('warm-a2', { warmupStage: 1 })],
      }),
    );
    const leads = Array.from({ length: 8 }, () => lead('warm-c'));
    for (const l of leads) await h.publish(NewTargetMessage, l);
    // Stage 0: 2 a day, stage 1: 4 a day.
    await waitFor(() => of(h, 'warm-c').length === 6, { message: 'six offers' });
    await sleep(500);
    const per = (id: string) => of(h, 'warm-c').filter((r) => r.account_id === id).length;
    expect(per('warm-a1')).toBe(2);
    expect(per('warm-a2')).toBe(4);
    // Round robin: the first four alternate.
    const firstFour = of(h, 'warm-c')
      .slice(0, 4)
      .map((r) => r.account_id);
    expect(new Set(firstFour.slice(0, 2)).size).toBe(2);
    const waiting = await h.api('GET', '/leads?campaignId=warm-c&status=queued', { as: 'viewer' });
    const reasons = waiting.body.items.map((x: any) => x.schedule.waitReason).filter(Boolean);
    expect(reasons.some((r: string) => /warm-up stage/.test(r) || /per account per day/.test(r))).toBe(true);
  });

  it('outside the send window nothing is sent until it opens', async () => {
    const hour = new Date().getUTCHours();
    const hh = (n: number) => `${String((hour + n) % 24).padStart(2, '0')}:00`;
    const closed = { timezone: 'UTC', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: hh(2), end: hh(3) }] };
    h.admin.set(campaign('win-c', { schedule: closed, accounts: [account('win-a1')] }));
    const l = lead('win-c');
    await h.publish(NewTargetMessage, l);
    const id = await h.leadIdOf(l.user_id);
    const waiting = await h.waitLead(id, (x) => x.schedule.waitReason?.includes('outside the send window'));
    expect(waiting.status).toBe('queued');
    expect(new Date(waiting.schedule.scheduledFor).getUTCHours()).toBe((hour + 2) % 24);
    await sleep(1500);
    expect(of(h, 'win-c')).toHaveLength(0);
    // The operator widens the window: the next look sends it.
    h.admin.set(campaign('win-c', { accounts: [account('win-a1')] }));
    const request = await waitFor(() => of(h, 'win-c')[0], { message: 'the offer once the window opened' });
    expect(request.user_id).toBe(l.user_id);
  });

  it('skips banned, limited and flooded accounts; waits when none is left', async () => {
    h.admin.set(
      campaign('ban-c', {
        accounts: [
          account('ban-a1', { status: 'banned' }),
          account('ban-a2', {
            status: 'flood_wait',
            floodWaitUntil: new Date(Date.now() + 3_600_000).toISOString(),
          }),
          account('ban-a3'),
        ],
      }),
    );
    const first = lead('ban-c');
    await h.publish(NewTargetMessage, first);
    expect((await waitFor(() => of(h, 'ban-c')[0])).account_id).toBe('ban-a3');
    // ban-a3 is reported banned by its worker: nobody is left.
    await h.publish(AccountBanned, {
      worker_id: 'ban-a3',
      comment: 'USER_DEACTIVATED_BAN',
      replaced_by: null,
    });
    await sleep(200);
    const second = lead('ban-c');
    await h.publish(NewTargetMessage, second);
    const id = await h.leadIdOf(second.user_id);
    const view = await h.waitLead(id, (x) =>
      /no manager account can write now/.test(x.schedule.waitReason ?? ''),
    );
    expect(view.status).toBe('queued');
    expect(of(h, 'ban-c')).toHaveLength(1);
  });

  it('a delivery refused for the account (long flood wait) is planned again on another account', async () => {
    h.admin.set(campaign('move-c', { accounts: [account('move-a1'), account('move-a2')] }));
    const l = lead('move-c');
    await h.publish(NewTargetMessage, l);
    const firstTry = await waitFor(() => of(h, 'move-c')[0]);
    await h.publish(OutboundMessageFailed, {
      outbound_id: firstTry.outbound_id,
      lead_id: firstTry.lead_id,
      campaign_id: 'move-c',
      account_id: firstTry.account_id,
      user_id: l.user_id,
      reason: 'flood_wait',
      detail: 'flood wait of 3600 s',
      retryable: true,
      failed_at: new Date().toISOString(),
    });
    const secondTry = await waitFor(() => of(h, 'move-c')[1], { message: 'the offer on the other account' });
    expect(secondTry.account_id).not.toBe(firstTry.account_id);
    expect(secondTry.text).toBe(firstTry.text);
    const view = await h.lead(firstTry.lead_id);
    expect(view.outbound.map((o: any) => o.status)).toEqual(['failed', 'requested']);
  });

  it('a recipient who cannot be written to fails the lead with the reason', async () => {
    h.admin.set(campaign('priv-c', { accounts: [account('priv-a1')] }));
    const l = lead('priv-c');
    await h.publish(NewTargetMessage, l);
    const r = await waitFor(() => of(h, 'priv-c')[0]);
    await h.publish(OutboundMessageFailed, {
      outbound_id: r.outbound_id,
      lead_id: r.lead_id,
      campaign_id: 'priv-c',
      account_id: r.account_id,
      user_id: l.user_id,
      reason: 'privacy_restricted',
      detail: "the recipient's privacy settings refuse this account",
      retryable: false,
      failed_at: new Date().toISOString(),
    });
    const view = await h.waitLead(r.lead_id, (x) => x.status === 'failed');
    expect(view.statusReason).toMatch(/not delivered: privacy_restricted/);
  });
});
