import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewTargetMessage } from '@switchyard/contracts';
import { sleep } from '@switchyard/testing';
import { account, campaign, lead, startHarness, waitFor, type Harness } from './support';

describe('manager: a request no account worker reported on is requested again', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { MANAGER_REREQUEST_SECONDS: '1' } });
    h.admin.set(campaign('rr-c', { accounts: [account('rr-a1')] }));
  });
  afterAll(async () => h?.stop());

  it('with the same outbound id until the worker reports, then never again', async () => {
    const l = lead('rr-c');
    await h.publish(NewTargetMessage, l);
    const first = await waitFor(() => h.requests.find((r) => r.user_id === l.user_id));
    // No worker answers (its queue did not exist yet, say): the same request comes again.
    const again = await waitFor(() => h.requests.filter((r) => r.user_id === l.user_id).length >= 2 || null, {
      message: 'the request again',
    });
    expect(again).toBe(true);
    const all = h.requests.filter((r) => r.user_id === l.user_id);
    expect(new Set(all.map((r) => r.outbound_id))).toEqual(new Set([first.outbound_id]));
    expect(all[1]).toEqual(first);
    await h.deliver(first);
    await h.waitLead(first.lead_id, (x) => x.status === 'contacted');
    const count = h.requests.filter((r) => r.user_id === l.user_id).length;
    await sleep(2500);
    expect(h.requests.filter((r) => r.user_id === l.user_id)).toHaveLength(count);
  });
});
