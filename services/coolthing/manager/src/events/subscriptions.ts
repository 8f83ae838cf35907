import {
  AccountBanned,
  AccountFloodWait,
  LeadOptedOut,
  LeadReplied,
  NewTargetMessage,
  OutboundMessageFailed,
  OutboundMessageSent,
} from '@switchyard/contracts';
import { on, type SubscriptionSpec } from '@switchyard/kit';
import type { ManagerInfra } from '../app/deps';
import { receiveReply } from '../app/conversation';
import { messageFailed, messageSent, optedOut } from '../app/deliveries';
import { takeLead } from '../app/intake';
import type { ManagerDB } from '../db';
import { blockAccount } from '../repositories/accounts';
import { BLOCK_MS } from '../domain/accounts';

/**
 * The manager's queues. `manager.leads` is the one durable queue every instance consumes
 * (`lead.*`, competing consumers); each handler runs in the transaction that records the event
 * as handled, so a redelivery has no effect. Slow work (the model, HTTP) happens later, in jobs.
 */
export function subscriptions(infra: ManagerInfra): SubscriptionSpec[] {
  return [
    {
      name: 'leads',
      prefetch: infra.config.MANAGER_PREFETCH,
      handlers: [
        on(NewTargetMessage, async (lead, ctx) => {
          const { outcome, leadId } = await takeLead(infra, ctx.tx<ManagerDB>(), lead, ctx.envelope.id);
          ctx.log.info({ leadId, campaignId: lead.campaign_id, outcome }, 'lead taken in');
          if (outcome === 'created') ctx.afterCommit(infra.nudge);
        }),
      ],
    },
    {
      name: 'replies',
      handlers: [
        on(LeadReplied, async (reply, ctx) => {
          const { answering } = await receiveReply(infra, ctx.tx<ManagerDB>(), reply);
          if (answering) ctx.afterCommit(infra.nudge);
        }),
      ],
    },
    {
      name: 'deliveries',
      handlers: [
        on(OutboundMessageSent, (sent, ctx) => messageSent(infra, ctx.tx<ManagerDB>(), sent)),
        on(OutboundMessageFailed, async (failed, ctx) => {
          if (await messageFailed(infra, ctx.tx<ManagerDB>(), failed)) ctx.afterCommit(infra.nudge);
        }),
      ],
    },
    {
      name: 'opt-outs',
      handlers: [on(LeadOptedOut, (event, ctx) => optedOut(infra, ctx.tx<ManagerDB>(), event))],
    },
    {
      name: 'accounts',
      handlers: [
        on(AccountBanned, (event, ctx) =>
          blockAccount(ctx.tx<ManagerDB>(), event.worker_id, {
            status: 'banned',
            until: new Date(infra.clock().getTime() + BLOCK_MS),
            reason: event.comment || 'banned',
          }),
        ),
        on(AccountFloodWait, (event, ctx) =>
          blockAccount(ctx.tx<ManagerDB>(), event.account_id, {
            status: 'flood_wait',
            until: new Date(event.until),
            reason: `flood wait of ${event.seconds} s`,
          }),
        ),
      ],
    },
  ];
}
