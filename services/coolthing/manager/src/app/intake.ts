// A parser's match becomes a lead: suppression and dedup first, then the lead waits for its
// draft. Runs inside the transaction that marks the event handled, so a redelivery adds nothing.
import { newId, type PayloadOf } from '@switchyard/bus';
import type { NewTargetMessage } from '@switchyard/contracts';
import type { Trx } from '../db';
import { insertLead, takeLeadKey, updateLead } from '../repositories/leads';
import { suppressionOf } from '../repositories/suppressions';
import type { ManagerInfra } from './deps';

export type IntakeOutcome = 'created' | 'duplicate' | 'suppressed';

export async function takeLead(
  infra: ManagerInfra,
  trx: Trx,
  lead: PayloadOf<typeof NewTargetMessage>,
  eventId: string,
): Promise<{ outcome: IntakeOutcome; leadId: string }> {
  const now = infra.clock();
  const id = newId();
  const key = await takeLeadKey(trx, {
    campaignId: lead.campaign_id,
    userId: lead.user_id,
    leadId: id,
    now,
    windowMs: infra.config.MANAGER_DEDUP_WINDOW_HOURS * 3_600_000,
  });
  if (!key.fresh) {
    // The same person again within the window: one lead, counted mentions.
    const existing = await trx
      .updateTable('leads')
      .set((eb) => ({ mentions: eb('mentions', '+', 1), last_seen_at: now, updated_at: now }))
      .where('id', '=', key.leadId)
      .returning('id')
      .executeTakeFirst();
    return { outcome: 'duplicate', leadId: existing?.id ?? key.leadId };
  }
  const suppressed = await suppressionOf(trx, { userId: lead.user_id, username: lead.username });
  await insertLead(trx, {
    id,
    origin: 'parser',
    campaign_id: lead.campaign_id,
    source_event_id: eventId,
    source_worker_id: lead.worker_id,
    source_chat_id: lead.chat_id,
    source_chat_title: lead.chat_title,
    source_message_id: lead.message_id,
    source_message: lead.message,
    source_sent_at: new Date(lead.sent_at),
    matched_keywords: lead.matched_keywords,
    language: lead.language,
    user_id: lead.user_id,
    username: lead.username,
    first_name: lead.first_name,
    last_name: lead.last_name,
    bio: lead.bio,
    status: suppressed ? 'opted_out' : 'new',
    status_reason: suppressed ? 'on the do-not-contact list: never contacted' : null,
    draft_due_at: suppressed ? null : now,
    handled_by: infra.instance,
    last_seen_at: now,
  });
  if (!suppressed) infra.metrics.leadsFound.inc({ campaign: lead.campaign_id });
  return { outcome: suppressed ? 'suppressed' : 'created', leadId: id };
}

/** Marks a lead as needing a fresh draft now (an operator asked, or set it back to `new`). */
export const redraft = (trx: Trx, leadId: string, now: Date) =>
  updateLead(trx, leadId, {
    status: 'new',
    status_reason: null,
    draft: null,
    draft_source: null,
    draft_model: null,
    draft_attempts: 0,
    draft_due_at: now,
    last_error: null,
    reviewed_by: null,
    reviewed_at: null,
    dispatch_at: null,
    wait_reason: null,
    scheduled_for: null,
  });
