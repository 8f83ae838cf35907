import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LeadReplied, NewTargetMessage } from '@switchyard/contracts';
import { ProcessInfra } from '@switchyard/kit';
import { dropDatabase, ensureDatabase } from '@switchyard/store';
import { describeWith, sleep, uniqueName } from '@switchyard/testing';
import { account, campaign, lead, startHarness, waitFor, type Harness } from './support';

/**
 * The worker's reports of one message (sent, reply, opt-out) come on separate queues and, with
 * several instances, are handled at the same moment: on Postgres (PGlite has one connection and
 * never interleaves two transactions).
 */
describeWith(
  'DATABASE_URL',
  'manager on Postgres: reports of one message handled concurrently',
  (databaseUrl) => {
    const url = new URL(databaseUrl);
    url.pathname = `/${uniqueName('manager_races')}`;
    let h: Harness;
    let msgId = 9000;
    beforeAll(async () => {
      await ensureDatabase(url.href);
      const infra = new ProcessInfra(
        { DATABASE_URL: url.href, DATA_DIR: join(tmpdir(), url.pathname.slice(1)) },
        () => undefined,
      );
      h = await startHarness({ infra });
      h.admin.set(campaign('race-c', { accounts: [account('race-a1')] }));
    });
    afterAll(async () => {
      await h?.stop();
      await dropDatabase(url.href).catch(() => undefined);
    });

    async function contacted() {
      const l = lead('race-c');
      await h.publish(NewTargetMessage, l);
      const offer = await waitFor(() =>
        h.requests.find((r) => r.user_id === l.user_id && r.kind === 'offer'),
      );
      await h.deliver(offer);
      await h.waitLead(offer.lead_id, (x) => x.status === 'contacted');
      return { l, offer };
    }

    it('a reply handled while the opt-out of the same "stop" commits never undoes the opt-out', async () => {
      const { l, offer } = await contacted();
      const db = await h.db();
      // The opt-out handler's transaction, held open while the reply comes in on its own queue.
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('leads')
          .set({ status: 'opted_out', status_reason: 'opted out: "stop"', updated_at: new Date() })
          .where('id', '=', offer.lead_id)
          .execute();
        await h.publish(LeadReplied, {
          account_id: offer.account_id,
          user_id: l.user_id,
          username: null,
          telegram_message_id: ++msgId,
          text: 'stop',
          received_at: new Date().toISOString(),
        });
        await sleep(1000);
      });
      await waitFor(async () =>
        (await h.lead(offer.lead_id)).conversation.some((m: any) => m.text === 'stop'),
      );
      await sleep(500);
      expect((await h.lead(offer.lead_id)).status).toBe('opted_out');
      expect(h.requests.filter((r) => r.user_id === l.user_id && r.kind === 'reply')).toEqual([]);
    });

    it('a delivery report handled while an opt-out commits leaves the lead opted out', async () => {
      const l = lead('race-c');
      await h.publish(NewTargetMessage, l);
      const offer = await waitFor(() =>
        h.requests.find((r) => r.user_id === l.user_id && r.kind === 'offer'),
      );
      const db = await h.db();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('leads')
          .set({ status: 'opted_out', status_reason: 'opted out: "stop"', updated_at: new Date() })
          .where('id', '=', offer.lead_id)
          .execute();
        await h.deliver(offer, 77);
        await sleep(1000);
      });
      await waitFor(async () => (await h.lead(offer.lead_id)).conversation.length > 0);
      const view = await h.lead(offer.lead_id);
      expect(view.status).toBe('opted_out');
      expect(view.contactedAt).toEqual(expect.any(String));
    });
  },
);
