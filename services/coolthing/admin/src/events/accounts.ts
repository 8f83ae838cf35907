import { AccountBanned, AccountFloodWait } from '@switchyard/contracts';
import { on, type SubscriptionSpec } from '@switchyard/kit';
import { reportAccountStatus, type StatusOutcome } from '../app/accounts';
import type { Infra } from '../app/deps';
import type { AdminDB } from '../db';
import { serviceActor } from '../domain/audit';

/** Bans and long flood waits seen by any service: the accounts' status follows. */
export function accountEventsSubscription(infra: Pick<Infra, 'log' | 'clock' | 'metrics'>): SubscriptionSpec {
  const { log, clock } = infra;
  const counted = (outcome: StatusOutcome | null) => {
    if (outcome?.changed) infra.metrics.statusChanges.inc({ status: outcome.account.status });
    return outcome;
  };
  return {
    name: 'account_events',
    handlers: [
      on(AccountBanned, async (p, h) => {
        const outcome = counted(
          await reportAccountStatus(
            h.tx<AdminDB>(),
            serviceActor(h.envelope.source),
            p.worker_id,
            { status: 'banned', reason: p.comment || 'banned' },
            clock(),
          ),
        );
        if (!outcome) log.warn({ accountId: p.worker_id }, 'ban reported for an unknown account');
      }),
      on(AccountFloodWait, async (p, h) => {
        const until = new Date(p.until);
        const outcome = counted(
          await reportAccountStatus(
            h.tx<AdminDB>(),
            serviceActor(h.envelope.source),
            p.account_id,
            {
              status: 'flood_wait',
              until: Number.isNaN(until.getTime()) ? new Date(clock().getTime() + p.seconds * 1000) : until,
              reason: `flood wait of ${p.seconds} s`,
            },
            clock(),
          ),
        );
        if (!outcome) log.warn({ accountId: p.account_id }, 'flood wait reported for an unknown account');
      }),
    ],
  };
}
