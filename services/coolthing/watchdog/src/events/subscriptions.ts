import { AccountWorkerHeartbeat } from '@switchyard/contracts';
import { on, type SubscriptionSpec } from '@switchyard/kit';
import type { WatchdogDB } from '../db';
import * as workers from '../repositories/workers';

/**
 * What the workers say about themselves: heartbeats (silence gets a worker restarted). Bans
 * are not theirs to announce: they tell the admin, and the watchdog reports account.banned
 * once, with the reserve account that took over.
 */
export function workerEventsSubscription(): SubscriptionSpec {
  return {
    name: 'worker_events',
    handlers: [
      on(AccountWorkerHeartbeat, async (beat, ctx) => {
        await workers.recordHeartbeat(ctx.tx<WatchdogDB>(), beat.account_id, {
          holder: beat.holder,
          state: beat.state,
          at: new Date(beat.at),
        });
      }),
    ],
  };
}
