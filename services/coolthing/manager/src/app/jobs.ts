// The background work of every instance: drafts, dispatch and automatic answers that are due.
// Leads are claimed in short transactions; model calls and HTTP run outside any transaction.
import type { BackgroundTask } from '@switchyard/kit';
import type { LeadRow } from '../db';
import { claimDue, type JobKind } from '../repositories/leads';
import { answerLead } from './conversation';
import type { ManagerInfra } from './deps';
import { dispatchLead, reRequestUnreported } from './dispatching';
import { draftLead } from './drafting';

const WORK: Record<JobKind, (infra: ManagerInfra, lead: LeadRow) => Promise<unknown>> = {
  draft: draftLead,
  dispatch: dispatchLead,
  reply: answerLead,
};

export class Jobs {
  private wake: (() => void) | undefined;
  private pending = false;
  private lastSweep = 0;

  /**
   * Runs the next pass now. Only call it once the new work is committed (after the transaction,
   * or through a handler's `afterCommit`): the pass must see the rows. A nudge during a pass
   * makes the loop go again at once.
   */
  nudge(): void {
    this.pending = true;
    this.wake?.();
  }

  /** One pass: every kind of due work, a batch each, `MANAGER_CONCURRENCY` leads at a time. */
  async pass(infra: ManagerInfra): Promise<number> {
    let done = 0;
    for (const kind of ['draft', 'dispatch', 'reply'] as const) {
      const leads = await claimDue(infra.db, kind, {
        instance: infra.instance,
        now: infra.clock(),
        claimMs: infra.config.MANAGER_CLAIM_SECONDS * 1000,
        limit: infra.config.MANAGER_CONCURRENCY * 2,
      });
      await inParallel(leads, infra.config.MANAGER_CONCURRENCY, async (lead) => {
        try {
          await WORK[kind](infra, lead);
        } catch (err) {
          // The claim runs out and another pass tries again.
          infra.log.error({ err, leadId: lead.id, job: kind }, 'lead job failed');
        }
      });
      done += leads.length;
    }
    const now = infra.clock().getTime();
    if (now - this.lastSweep >= Math.min(10_000, infra.config.MANAGER_REREQUEST_SECONDS * 500)) {
      this.lastSweep = now;
      await reRequestUnreported(infra);
    }
    return done;
  }

  task(infra: ManagerInfra): BackgroundTask {
    return {
      name: 'lead-jobs',
      run: async (signal) => {
        while (!signal.aborted) {
          this.pending = false;
          let worked = 0;
          try {
            worked = await this.pass(infra);
          } catch (err) {
            if (!signal.aborted) infra.log.warn({ err }, 'lead jobs pass failed; trying again');
          }
          if (signal.aborted) return;
          // Work done or a nudge during the pass: go again at once (the wait below would miss it).
          if (worked > 0 || this.pending) {
            await new Promise((r) => setImmediate(r));
            continue;
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, infra.config.MANAGER_TICK_MS);
            const onAbort = () => done();
            signal.addEventListener('abort', onAbort, { once: true });
            this.wake = done;
            function done() {
              clearTimeout(timer);
              signal.removeEventListener('abort', onAbort);
              resolve();
            }
          });
          this.wake = undefined;
        }
      },
    };
  }
}

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}
