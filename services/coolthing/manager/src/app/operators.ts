// What operators do to leads through the API. Each change is one transaction; conflicts with
// the lead's state answer 409 with the reason.
import { newId } from '@switchyard/bus';
import { ContactSuppressed, ContactUnsuppressed } from '@switchyard/contracts';
import { conflict, notFound } from '@switchyard/kit';
import type { LeadRow, SuppressionRow, Trx } from '../db';
import { statusChangeProblem, type LeadStatus } from '../domain/lead-status';
import { afterRandomDelay } from '../domain/pacing';
import { updateLead } from '../repositories/leads';
import {
  addSuppression,
  deleteSuppression,
  findSuppression,
  suppressionOf,
} from '../repositories/suppressions';
import type { ManagerInfra } from './deps';
import { replySlot, requestOutbound } from './dispatching';
import { redraft } from './intake';

async function lockedLead(trx: Trx, id: string): Promise<LeadRow> {
  const lead = await trx.selectFrom('leads').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!lead) throw notFound('Lead');
  return lead;
}

const claimedElsewhere = (lead: LeadRow, now: Date) => lead.claim_until !== null && lead.claim_until > now;

export class LeadOperations {
  constructor(private readonly infra: ManagerInfra) {}

  /** Replaces the draft text of a lead waiting for review. */
  editDraft(leadId: string, text: string): Promise<LeadRow> {
    return this.infra.transaction(async (trx) => {
      const lead = await lockedLead(trx, leadId);
      if (lead.status !== 'in_review')
        throw conflict(`Only drafts in review can be edited (the lead is ${lead.status}).`);
      return (await updateLead(trx, lead.id, { draft: text, draft_source: 'operator' }))!;
    });
  }

  /** Approves the draft (edited first when `text` is given): the offer is queued for sending. */
  async approve(leadId: string, actor: string, text: string | undefined): Promise<LeadRow> {
    // The campaign is read before the transaction: no transaction waits on another service.
    const current = await this.infra.db
      .selectFrom('leads')
      .selectAll()
      .where('id', '=', leadId)
      .executeTakeFirst();
    if (!current) throw notFound('Lead');
    const dueAt = await this.dueAt(current, this.infra.clock());
    const approved = await this.infra.transaction(async (trx) => {
      const lead = await lockedLead(trx, leadId);
      if (lead.status !== 'in_review')
        throw conflict(`Only drafts in review can be approved (the lead is ${lead.status}).`);
      if (await suppressionOf(trx, { userId: lead.user_id, username: lead.username }))
        throw conflict('This user is on the do-not-contact list.');
      const now = this.infra.clock();
      const updated = await updateLead(trx, lead.id, {
        status: 'queued',
        status_reason: null,
        ...(text === undefined ? {} : { draft: text, draft_source: 'operator' }),
        reviewed_by: actor,
        reviewed_at: now,
        due_at: dueAt,
        dispatch_at: now,
      });
      return updated!;
    });
    this.infra.nudge();
    return approved;
  }

  /** Earliest send after approval: the new-lead delay from when the lead came, never in the past. */
  private async dueAt(lead: LeadRow, now: Date): Promise<Date> {
    if (!lead.campaign_id) return now;
    try {
      const campaign = await this.infra.campaigns.get(lead.campaign_id);
      const due = afterRandomDelay(lead.created_at, campaign.pacing.newLeadDelaySeconds, this.infra.rng);
      return due > now ? due : now;
    } catch {
      return now;
    }
  }

  reject(leadId: string, actor: string, reason: string | undefined): Promise<LeadRow> {
    return this.infra.transaction(async (trx) => {
      const lead = await lockedLead(trx, leadId);
      if (lead.status !== 'in_review')
        throw conflict(`Only drafts in review can be rejected (the lead is ${lead.status}).`);
      return (await updateLead(trx, lead.id, {
        status: 'failed',
        status_reason: `draft rejected by ${actor}${reason ? `: ${reason}` : ''}`,
        reviewed_by: actor,
        reviewed_at: this.infra.clock(),
      }))!;
    });
  }

  /** Asks for a new draft (a parked lead, or a draft the operator did not like). */
  async retryDraft(leadId: string): Promise<LeadRow> {
    const redrafted = await this.infra.transaction(async (trx) => {
      const lead = await lockedLead(trx, leadId);
      const problem = statusChangeProblem(lead.status, 'new', {
        hasDraft: lead.draft !== null,
        hasCampaign: lead.campaign_id !== null,
        contacted: lead.contacted_at !== null,
      });
      if (problem) throw conflict(`A new draft cannot be made: ${problem}.`);
      if (claimedElsewhere(lead, this.infra.clock()))
        throw conflict('The lead is being worked on; try again in a moment.');
      return (await redraft(trx, lead.id, this.infra.clock()))!;
    });
    this.infra.nudge();
    return redrafted;
  }

  /** Stops automatic answers for good: an operator answers from now on. */
  takeOver(leadId: string, actor: string): Promise<LeadRow> {
    return this.infra.transaction(async (trx) => {
      const lead = await lockedLead(trx, leadId);
      return (await updateLead(trx, lead.id, {
        taken_over_by: actor,
        taken_over_at: this.infra.clock(),
        auto_reply: false,
        reply_due_at: null,
        reply_window_opened_at: null,
      }))!;
    });
  }

  /** The per-lead switch; turning it on also ends a takeover. */
  setAutoReply(leadId: string, enabled: boolean): Promise<LeadRow> {
    return this.infra.transaction(async (trx) => {
      const lead = await lockedLead(trx, leadId);
      if (enabled && !lead.campaign_id)
        throw conflict('A conversation the user started has no campaign to answer from; answer by hand.');
      return (await updateLead(trx, lead.id, {
        auto_reply: enabled,
        ...(enabled
          ? { taken_over_by: null, taken_over_at: null }
          : { reply_due_at: null, reply_window_opened_at: null }),
      }))!;
    });
  }

  /** An operator's own message, sent by the lead's account as soon as its hourly cap allows. */
  sendMessage(leadId: string, actor: string, text: string): Promise<{ lead: LeadRow; outboundId: string }> {
    return this.infra.transaction(async (trx, publish) => {
      const lead = await lockedLead(trx, leadId);
      if (
        lead.status === 'opted_out' ||
        (await suppressionOf(trx, { userId: lead.user_id, username: lead.username }))
      )
        throw conflict('This user opted out or is on the do-not-contact list.');
      if (!lead.account_id || (!lead.contacted_at && lead.origin !== 'direct'))
        throw conflict('The offer has not been delivered yet; approve or edit the draft instead.');
      const notBefore = await replySlot(trx, this.infra, lead.account_id, this.infra.clock());
      const outboundId = await requestOutbound(trx, publish, {
        lead,
        accountId: lead.account_id,
        kind: 'operator',
        text,
        notBefore,
        requestedBy: actor,
        why: `operator message by ${actor}`,
      });
      // Whoever writes by hand is in the conversation: no automatic answer crosses theirs.
      const updated = await updateLead(trx, lead.id, {
        taken_over_by: lead.taken_over_by ?? actor,
        taken_over_at: lead.taken_over_at ?? this.infra.clock(),
        auto_reply: false,
        reply_due_at: null,
        reply_window_opened_at: null,
      });
      return { lead: updated!, outboundId };
    });
  }

  async setStatus(
    leadId: string,
    actor: string,
    to: LeadStatus,
    reason: string | undefined,
  ): Promise<LeadRow> {
    // New work for the jobs: they are woken after the commit, when they can see it.
    let wake = false;
    const changed = await this.infra.transaction(async (trx, publish) => {
      const lead = await lockedLead(trx, leadId);
      const now = this.infra.clock();
      const problem = statusChangeProblem(lead.status, to, {
        hasDraft: lead.draft !== null,
        hasCampaign: lead.campaign_id !== null,
        contacted: lead.contacted_at !== null,
      });
      if (problem) throw conflict(`The status cannot change to ${to}: ${problem}.`);
      if (to === lead.status) return lead;
      if (to === 'new') {
        wake = true;
        return (await redraft(trx, lead.id, now))!;
      }
      if (to === 'queued') {
        const updated = await updateLead(trx, lead.id, {
          status: 'queued',
          status_reason: reason ?? `queued by ${actor}`,
          reviewed_by: actor,
          reviewed_at: now,
          due_at: now,
          dispatch_at: now,
        });
        wake = true;
        return updated!;
      }
      if (to === 'opted_out') {
        const { row, created } = await addSuppression(trx, {
          id: newId(),
          user_id: lead.user_id,
          username: lead.username,
          source: 'operator',
          reason: reason ?? `marked opted out by ${actor}`,
          phrase: null,
          account_id: lead.account_id,
          added_by: actor,
        });
        if (created) await publish(ContactSuppressed, suppressedEvent(row));
      }
      return (await updateLead(trx, lead.id, {
        status: to,
        status_reason: reason ?? `set by ${actor}`,
        ...(to === 'opted_out' || to === 'failed' || to === 'in_review'
          ? { reply_due_at: null, dispatch_at: null, draft_due_at: null }
          : {}),
      }))!;
    });
    if (wake) this.infra.nudge();
    return changed;
  }

  annotate(leadId: string, patch: { notes?: string | null; tags?: string[] }): Promise<LeadRow> {
    return this.infra.transaction(async (trx) => {
      const lead = await lockedLead(trx, leadId);
      return (await updateLead(trx, lead.id, {
        ...(patch.notes === undefined ? {} : { notes: patch.notes }),
        ...(patch.tags === undefined ? {} : { tags: [...new Set(patch.tags)] }),
      }))!;
    });
  }

  /** Puts a user on the do-not-contact list; their open leads stop at once. */
  suppress(
    actor: string,
    entry: { userId: string | null; username: string | null; reason: string | null },
  ): Promise<{ row: SuppressionRow; created: boolean }> {
    return this.infra.transaction(async (trx, publish) => {
      const result = await addSuppression(trx, {
        id: newId(),
        user_id: entry.userId,
        username: entry.username,
        source: 'operator',
        reason: entry.reason,
        phrase: null,
        account_id: null,
        added_by: actor,
      });
      if (!result.created) return result;
      await publish(ContactSuppressed, suppressedEvent(result.row));
      let q = trx
        .updateTable('leads')
        .set({
          status: 'opted_out',
          status_reason: `on the do-not-contact list (added by ${actor})`,
          reply_due_at: null,
          dispatch_at: null,
          draft_due_at: null,
          // A draft or dispatch in flight loses its claim, so its result cannot undo this.
          claimed_by: null,
          claim_until: null,
          updated_at: this.infra.clock(),
        })
        .where('status', 'in', ['new', 'queued', 'in_review', 'contacted', 'replied', 'interested']);
      q = q.where((eb) =>
        eb.or([
          ...(entry.userId ? [eb('user_id', '=', entry.userId)] : []),
          ...(entry.username ? [eb(eb.fn('lower', ['username']), '=', entry.username.toLowerCase())] : []),
        ]),
      );
      await q.execute();
      return result;
    });
  }

  unsuppress(id: string): Promise<SuppressionRow> {
    return this.infra.transaction(async (trx, publish) => {
      const entry = await findSuppression(trx, id);
      if (!entry) throw notFound('Suppression entry');
      // The user asked themselves; no operator may undo that.
      if (entry.source === 'opt_out')
        throw conflict('The user opted out themselves; this entry cannot be removed.');
      const row = (await deleteSuppression(trx, id))!;
      await publish(ContactUnsuppressed, {
        suppression_id: row.id,
        user_id: row.user_id,
        username: row.username,
        at: this.infra.clock().toISOString(),
      });
      return row;
    });
  }
}

export const suppressedEvent = (row: SuppressionRow) => ({
  suppression_id: row.id,
  user_id: row.user_id,
  username: row.username,
  reason: row.reason,
  at: row.created_at.toISOString(),
});
