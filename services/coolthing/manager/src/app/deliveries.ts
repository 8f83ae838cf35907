// What the account workers report: a message went out (conversation, lead status, audit log),
// a message failed (the lead moves on or is re-planned on another account), a user opted out.
// Each runs in the transaction that marks the event handled.
import type { PayloadOf } from '@switchyard/bus';
import type { LeadOptedOut, OutboundMessageFailed, OutboundMessageSent } from '@switchyard/contracts';
import type { Trx } from '../db';
import { blockAccount } from '../repositories/accounts';
import { recordSent } from '../repositories/audit';
import { lockLead, updateLead } from '../repositories/leads';
import { addMessage } from '../repositories/messages';
import { findOutbound, settleOutbound } from '../repositories/outbound';
import { addSuppression } from '../repositories/suppressions';
import { newId } from '@switchyard/bus';
import type { ManagerInfra } from './deps';
import { BLOCK_MS } from '../domain/accounts';

export async function messageSent(
  infra: ManagerInfra,
  trx: Trx,
  sent: PayloadOf<typeof OutboundMessageSent>,
) {
  const outbound = await findOutbound(trx, sent.outbound_id);
  if (!outbound) {
    infra.log.warn({ outboundId: sent.outbound_id }, 'delivery report for an unknown message');
    return;
  }
  const at = new Date(sent.sent_at);
  await settleOutbound(trx, outbound.id, {
    status: 'sent',
    telegram_message_id: sent.telegram_message_id,
    sent_at: at,
    failure_reason: null,
    failure_detail: null,
  });
  await addMessage(trx, {
    lead_id: outbound.lead_id,
    direction: 'out',
    kind: outbound.kind,
    text: sent.text,
    at,
    account_id: sent.account_id,
    telegram_message_id: sent.telegram_message_id,
    outbound_id: outbound.id,
  });
  const lead = await lockLead(trx, outbound.lead_id);
  await recordSent(trx, {
    outbound_id: outbound.id,
    sent_at: at,
    lead_id: outbound.lead_id,
    campaign_id: outbound.campaign_id,
    account_id: sent.account_id,
    user_id: sent.user_id,
    username: lead?.username ?? null,
    kind: outbound.kind,
    text: sent.text,
    why: outbound.why,
    requested_by: outbound.requested_by,
    telegram_message_id: sent.telegram_message_id,
  });
  if (!lead) return;
  const firstOffer = outbound.kind === 'offer' && !lead.contacted_at;
  if (firstOffer && lead.campaign_id) infra.metrics.leadsContacted.inc({ campaign: lead.campaign_id });
  await updateLead(trx, lead.id, {
    last_message_at: at,
    ...(firstOffer ? { contacted_at: at } : {}),
    ...(firstOffer && ['new', 'queued', 'in_review'].includes(lead.status)
      ? { status: 'contacted' as const, status_reason: null, scheduled_for: null }
      : {}),
  });
}

/** Reasons that belong to the account, not the recipient: another account may succeed. */
const ACCOUNT_REASONS: Record<string, 'banned' | 'flood_wait' | 'limited'> = {
  account_banned: 'banned',
  number_banned: 'banned',
  flood_wait: 'flood_wait',
  peer_flood: 'limited',
  account_limited: 'limited',
};

/** Settles a failed send; true when the lead was planned again (wake the jobs once this commits). */
export async function messageFailed(
  infra: ManagerInfra,
  trx: Trx,
  failed: PayloadOf<typeof OutboundMessageFailed>,
): Promise<boolean> {
  const outbound = await findOutbound(trx, failed.outbound_id);
  if (!outbound) return false;
  const settled = await settleOutbound(trx, outbound.id, {
    status: 'failed',
    failure_reason: failed.reason,
    failure_detail: failed.detail,
    telegram_message_id: null,
    sent_at: null,
  });
  if (!settled) return false;
  const accountState = ACCOUNT_REASONS[failed.reason];
  if (accountState && accountState !== 'flood_wait')
    await blockAccount(trx, failed.account_id, {
      status: accountState,
      until: new Date(infra.clock().getTime() + BLOCK_MS),
      reason: failed.detail || failed.reason,
    });
  const lead = await lockLead(trx, outbound.lead_id);
  if (!lead) return false;
  const why = `${failed.reason}: ${failed.detail}`.slice(0, 500);
  if (failed.reason === 'suppressed') {
    await updateLead(trx, lead.id, {
      status: 'opted_out',
      status_reason: 'on the do-not-contact list: not sent',
    });
    return false;
  }
  if (outbound.kind !== 'offer') {
    await updateLead(trx, lead.id, { status_reason: `a message was not delivered (${why})` });
    return false;
  }
  if (lead.contacted_at || !['queued', 'new', 'in_review'].includes(lead.status)) return false;
  if (failed.retryable && lead.dispatch_attempts < infra.config.MANAGER_MAX_DISPATCHES) {
    // Another account may do it (or this one later): plan it again without this account when it is the problem.
    await updateLead(trx, lead.id, {
      status: 'queued',
      status_reason: `delivery failed (${why}); planned again`,
      excluded_account_ids: accountState
        ? [...new Set([...lead.excluded_account_ids, failed.account_id])]
        : lead.excluded_account_ids,
      dispatch_at: infra.clock(),
      scheduled_for: null,
      account_id: null,
    });
    return true;
  }
  await updateLead(trx, lead.id, {
    status: 'failed',
    status_reason: `not delivered: ${why}`,
    dispatch_at: null,
  });
  return false;
}

/** The user asked not to be contacted: the do-not-contact list, and every lead of theirs. */
export async function optedOut(infra: ManagerInfra, trx: Trx, event: PayloadOf<typeof LeadOptedOut>) {
  await addSuppression(trx, {
    id: newId(),
    user_id: event.user_id,
    username: null,
    source: 'opt_out',
    reason: 'the user asked not to be contacted',
    phrase: event.phrase.slice(0, 200),
    account_id: event.account_id,
    added_by: 'bot',
  });
  await trx
    .updateTable('leads')
    .set({
      status: 'opted_out',
      status_reason: `opted out: "${event.phrase.slice(0, 100)}"`,
      reply_due_at: null,
      reply_window_opened_at: null,
      dispatch_at: null,
      draft_due_at: null,
      // A draft or dispatch in flight loses its claim, so its result cannot undo the opt-out.
      claimed_by: null,
      claim_until: null,
      updated_at: infra.clock(),
    })
    .where('user_id', '=', event.user_id)
    .where('status', '<>', 'opted_out')
    .execute();
}
