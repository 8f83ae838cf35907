import { ScriptFinished, ScriptRunControl, ScriptRunPlanned } from '@switchyard/contracts';
import { on, type SubscriptionSpec } from '@switchyard/kit';
import type { Control, WatchdogDB } from '../db';
import * as runs from '../repositories/runs';

const CONTROL: Record<'stop' | 'pause' | 'resume', Control> = { stop: 'stop', pause: 'pause', resume: 'run' };

/**
 * ScriptRunPlanned queues a run for a worker; ScriptRunControl records what the operator
 * asked for (the worker reads it from this service: a per-run queue would outlive the run).
 */
export function scriptsSubscription(nudge: () => void): SubscriptionSpec {
  return {
    name: 'runs',
    handlers: [
      on(ScriptRunPlanned, async (event, ctx) => {
        await runs.enqueueRun(ctx.tx<WatchdogDB>(), event.sfc_id, event.chats, event.lines);
        setImmediate(nudge);
      }),
      on(ScriptRunControl, async (event, ctx) => {
        const trx = ctx.tx<WatchdogDB>();
        const control = CONTROL[event.action];
        const row = await runs.findRun(trx, event.sfc_id);
        const stoppedNow = async () =>
          ctx.publish(ScriptFinished, {
            sfc_id: event.sfc_id,
            status: 'stopped',
            finished_at: new Date().toISOString(),
            problems: [],
          });
        if (!row) {
          await runs.insertUnplanned(trx, event.sfc_id, control, event.requested_by);
          if (control === 'stop') await stoppedNow();
          return;
        }
        if (['done', 'stopped', 'failed'].includes(row.status)) return;
        // Nothing plays it right now: the run simply ends.
        if (control === 'stop' && ['unplanned', 'queued', 'backoff'].includes(row.status)) {
          await runs.setControl(trx, event.sfc_id, control, event.requested_by);
          await runs.finish(trx, event.sfc_id, 'stopped', { lastExit: 'stopped before a worker played it' });
          await stoppedNow();
          return;
        }
        await runs.setControl(trx, event.sfc_id, control, event.requested_by);
        setImmediate(nudge);
      }),
    ],
  };
}

/** The worker's own word that a run ended: its exit alone proves nothing. */
export function progressSubscription(nudge: () => void): SubscriptionSpec {
  return {
    name: 'finished',
    handlers: [
      on(ScriptFinished, async (event, ctx) => {
        await runs.recordFinish(ctx.tx<WatchdogDB>(), event.sfc_id, event.status);
        setImmediate(nudge);
      }),
    ],
  };
}
