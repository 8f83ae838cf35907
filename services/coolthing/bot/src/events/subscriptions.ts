import {
  ContactSuppressed,
  ContactUnsuppressed,
  LeadOptedOut,
  OutboundMessageRequested,
} from '@switchyard/contracts';
import { on, type SubscriptionSpec } from '@switchyard/kit';
import type { BotDB } from '../db';
import { addDelivery } from '../repositories/deliveries';
import { optOutId, suppress, unsuppress } from '../repositories/suppressions';

/**
 * The do-not-contact list every worker re-checks before sending: one queue (`bot.suppression`)
 * shared by all workers, since they share the table.
 */
export function suppressionSubscription(): SubscriptionSpec {
  return {
    name: 'suppression',
    handlers: [
      on(LeadOptedOut, (p, h) =>
        suppress(h.tx<BotDB>(), {
          id: optOutId(p.user_id),
          userId: p.user_id,
          username: null,
          source: 'opt_out',
        }),
      ),
      on(ContactSuppressed, (p, h) =>
        suppress(h.tx<BotDB>(), {
          id: p.suppression_id,
          userId: p.user_id,
          username: p.username,
          source: 'operator',
        }),
      ),
      on(ContactUnsuppressed, (p, h) => unsuppress(h.tx<BotDB>(), p.suppression_id)),
    ],
  };
}

/** The account's own queue, `bot.outbound.<account id>`: requests are stored, the sender takes them from there. */
export function outboundSubscription(
  accountId: string,
  jitterMs: () => number,
  onStored: () => void,
): SubscriptionSpec {
  return {
    name: `outbound.${accountId}`,
    bindings: [OutboundMessageRequested.routingKey({ account_id: accountId } as never)],
    prefetch: 50,
    handlers: [
      on(OutboundMessageRequested, async (p, h) => {
        if (p.account_id !== accountId) {
          h.log.warn(
            { outboundId: p.outbound_id, accountId: p.account_id },
            'a message for another account; ignored',
          );
          return;
        }
        const stored = await addDelivery(h.tx<BotDB>(), {
          outbound_id: p.outbound_id,
          account_id: p.account_id,
          lead_id: p.lead_id,
          campaign_id: p.campaign_id,
          user_id: p.user_id,
          username: p.username,
          kind: p.kind,
          text: p.text,
          not_before: new Date(p.not_before),
          jitter_ms: jitterMs(),
          state: 'pending',
        });
        // The sender reads the row: wake it once the transaction has committed.
        if (stored) h.afterCommit(onStored);
      }),
    ],
  };
}
