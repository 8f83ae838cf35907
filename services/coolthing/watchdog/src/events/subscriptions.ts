import { AccountBanned, AccountWorkerHeartbeat } from '@switchyard/contracts';
import { on, type SubscriptionSpec } from '@switchyard/kit';
import type { WatchdogDB } from '../db';
import * as workers from '../repositories/workers';

/**
 * What the workers say about themselves: heartbeats (silence gets a worker restarted) and
 * bans they reported on their own (the watchdog then does not report the same ban again).
 */
export function workerEventsSubscription(nudge: (refresh: boolean) => void): SubscriptionSpec {
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
      on(AccountBanned, async (event, ctx) => {
        await workers.recordBanSeen(ctx.tx<WatchdogDB>(), event.worker_id);
        // The admin marks the account; its campaign is handed over on the next look.
        setImmediate(() => nudge(true));
      }),
    ],
  };
}
