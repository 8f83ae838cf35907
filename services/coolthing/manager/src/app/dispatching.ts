// Queued offers go to a manager account: within the send windows, after the new-lead delay,
// under the caps, to the next eligible account in rotation. The outbound row, the counters and
// OutboundMessageRequested commit together (outbox), and at most one live offer exists per lead.
import { newId, type Enqueue } from '@switchyard/bus';
import { OutboundMessageRequested } from '@switchyard/contracts';
import type { LeadRow, OutboundKind, Trx } from '../db';
import { rotationOrder } from '../domain/accounts';
import { hourlyClaim, offerClaims, type CapSettings, type CounterClaim } from '../domain/caps';
import { jitterMs } from '../domain/pacing';
import { planSend } from '../domain/send-plan';
import { isOpen } from '../domain/windows';
import { CampaignNotFound, type Campaign } from '../ports/campaigns';
import { accountBlocks, lastAssigned, markAssigned } from '../repositories/accounts';
import { takeCounters } from '../repositories/counters';
import { finishClaim } from '../repositories/leads';
import { claimUnreported, insertOutbound } from '../repositories/outbound';
import { suppressionOf } from '../repositories/suppressions';
import { parseWarmup } from '../domain/caps';
import type { ManagerInfra } from './deps';

/** The campaign id events carry for a conversation a user started (it has no campaign). */
export const NO_CAMPAIGN = 'direct';

export const capSettings = (infra: ManagerInfra): CapSettings => ({
  perAccountPerHour: infra.config.MANAGER_MESSAGES_PER_HOUR,
  warmup: parseWarmup(infra.config.MANAGER_WARMUP_DAILY_CAPS),
});

/** Inserts the outbound message and its event (outbox) in `trx`. */
export async function requestOutbound(
  trx: Trx,
  publish: Enqueue,
  input: {
    lead: LeadRow;
    accountId: string;
    kind: OutboundKind;
    text: string;
    notBefore: Date;
    requestedBy: string;
    why: string;
  },
): Promise<string> {
  const id = newId();
  await insertOutbound(trx, {
    id,
    lead_id: input.lead.id,
    campaign_id: input.lead.campaign_id,
    account_id: input.accountId,
    user_id: input.lead.user_id,
    kind: input.kind,
    text: input.text,
    status: 'requested',
    not_before: input.notBefore,
    requested_by: input.requestedBy,
    why: input.why.slice(0, 500),
  });
  await publish(OutboundMessageRequested, {
    outbound_id: id,
    lead_id: input.lead.id,
    campaign_id: input.lead.campaign_id ?? NO_CAMPAIGN,
    account_id: input.accountId,
    user_id: input.lead.user_id,
    username: input.lead.username,
    text: input.text,
    kind: input.kind,
    not_before: input.notBefore.toISOString(),
  });
  return id;
}

/**
 * The hour's message counter of an account for a reply or operator message: the send time,
 * moved to the next hour when this one is full.
 */
export async function replySlot(trx: Trx, infra: ManagerInfra, accountId: string, at: Date): Promise<Date> {
  let when = at;
  for (let i = 0; i < 48; i++) {
    const full = await takeCounters(trx, [hourlyClaim(accountId, when, capSettings(infra))]);
    if (!full) return when;
    when = full.resetsAt;
  }
  return when;
}

type Outcome = 'sent' | 'waiting' | 'failed' | 'lost';

/** Plans and, when due, hands one claimed queued lead to an account. */
export async function dispatchLead(infra: ManagerInfra, lead: LeadRow): Promise<Outcome> {
  const now = infra.clock();
  const recheckMs = infra.config.MANAGER_RECHECK_SECONDS * 1000;
  const wait = async (until: Date, reason: string, sendAt: Date | null = null): Promise<Outcome> => {
    const done = await finishClaim(infra.db, lead.id, infra.instance, {
      dispatch_at: until,
      wait_reason: reason.slice(0, 500),
      scheduled_for: sendAt,
    });
    return done ? 'waiting' : 'lost';
  };
  let campaign: Campaign;
  try {
    campaign = await infra.campaigns.get(lead.campaign_id!);
  } catch (err) {
    if (err instanceof CampaignNotFound) {
      await finishClaim(infra.db, lead.id, infra.instance, {
        status: 'failed',
        status_reason: 'the campaign does not exist any more',
        dispatch_at: null,
      });
      return 'failed';
    }
    return wait(
      new Date(now.getTime() + Math.min(recheckMs, 30_000)),
      'campaign settings unavailable; trying again',
    );
  }
  if (await suppressionOf(infra.db, { userId: lead.user_id, username: lead.username })) {
    await finishClaim(infra.db, lead.id, infra.instance, {
      status: 'opted_out',
      status_reason: 'on the do-not-contact list: never contacted',
      dispatch_at: null,
    });
    return 'failed';
  }
  const plan = planSend({
    now,
    dueAt: lead.due_at ?? now,
    schedule: campaign.schedule,
    campaignActive: campaign.status === 'active',
    horizonMs: infra.config.MANAGER_DISPATCH_HORIZON_SECONDS * 1000,
    recheckMs,
  });
  if (plan.kind === 'wait') return wait(plan.until, plan.reason, plan.sendAt);
  // Jitter spreads sends at a window's opening, but never pushes one out of its window.
  const jittered = new Date(plan.at.getTime() + jitterMs(infra.config.MANAGER_JITTER_SECONDS, infra.rng));
  const sendAt = isOpen(jittered, campaign.schedule) ? jittered : plan.at;
  return infra
    .transaction(async (trx, publish) => {
      const ids = campaign.accounts.map((a) => a.id);
      const order = rotationOrder(campaign.accounts, {
        now,
        blocks: await accountBlocks(trx, ids),
        lastAssigned: await lastAssigned(trx, ids),
        exclude: new Set(lead.excluded_account_ids),
      });
      const waitIn = async (until: Date, reason: string) => {
        const done = await finishClaim(trx, lead.id, infra.instance, {
          dispatch_at: until,
          wait_reason: reason.slice(0, 500),
          scheduled_for: null,
        });
        return done ? ('waiting' as const) : ('lost' as const);
      };
      if (order.length === 0)
        return waitIn(
          new Date(now.getTime() + recheckMs),
          campaign.accounts.length === 0
            ? 'the campaign has no manager accounts'
            : 'no manager account can write now (banned, limited, in a flood wait or paused)',
        );
      const full: CounterClaim[] = [];
      for (const account of order) {
        const refused = await takeCounters(
          trx,
          offerClaims({
            accountId: account.id,
            warmupStage: account.warmupStage,
            campaignId: campaign.id,
            timezone: campaign.schedule.timezone,
            caps: campaign.caps,
            settings: capSettings(infra),
            at: sendAt,
          }),
        );
        if (refused) {
          full.push(refused);
          // The campaign's own cap is the same for every account.
          if (refused.scope.startsWith('campaign:')) break;
          continue;
        }
        const claimed = await finishClaim(trx, lead.id, infra.instance, {
          account_id: account.id,
          scheduled_for: sendAt,
          dispatch_at: null,
          wait_reason: null,
          dispatch_attempts: lead.dispatch_attempts + 1,
        });
        if (!claimed) throw new ClaimLost(lead.id);
        await markAssigned(trx, account.id, now);
        const approved = lead.reviewed_by;
        await requestOutbound(trx, publish, {
          lead,
          accountId: account.id,
          kind: 'offer',
          text: lead.draft!,
          notBefore: sendAt,
          requestedBy: approved ?? 'auto',
          why: approved
            ? `offer approved by ${approved} (campaign "${campaign.name}")`
            : `automatic offer (campaign "${campaign.name}", keywords: ${lead.matched_keywords.join(', ')})`,
        });
        return 'sent' as const;
      }
      const soonest = full.reduce((a, b) => (a.resetsAt <= b.resetsAt ? a : b));
      return waitIn(
        new Date(Math.min(soonest.resetsAt.getTime(), now.getTime() + 15 * 60_000)),
        `cap reached: ${soonest.label}; next chance at ${soonest.resetsAt.toISOString()}`,
      );
    })
    .catch((err: unknown) => {
      if (err instanceof ClaimLost) return 'lost' as const;
      throw err;
    });
}

/** Another instance took the lead over (this one's claim expired): roll back and leave it. */
class ClaimLost extends Error {
  constructor(leadId: string) {
    super(`the claim on lead ${leadId} was lost`);
  }
}

/**
 * Requests again the messages no account worker reported on (same outbound id: a worker that
 * has it already keeps it once). Returns how many were requested again.
 */
export async function reRequestUnreported(infra: ManagerInfra): Promise<number> {
  const rows = await claimUnreported(infra.db, {
    now: infra.clock(),
    olderThanMs: infra.config.MANAGER_REREQUEST_SECONDS * 1000,
    limit: 100,
  });
  for (const r of rows) {
    await infra.publish(OutboundMessageRequested, {
      outbound_id: r.id,
      lead_id: r.lead_id,
      campaign_id: r.campaign_id ?? NO_CAMPAIGN,
      account_id: r.account_id,
      user_id: r.user_id,
      username: r.username,
      text: r.text,
      kind: r.kind,
      not_before: r.not_before.toISOString(),
    });
  }
  if (rows.length)
    infra.log.warn(
      { count: rows.length },
      'messages without a report from their account worker requested again',
    );
  return rows.length;
}
