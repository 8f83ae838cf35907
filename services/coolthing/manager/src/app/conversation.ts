// Replies: each incoming message is stored in order; answers wait for a batching window (more
// messages may follow), then the model answers the conversation so far and the account worker
// types and sends it after the campaign's answer delay. Operators may take a lead over.
import type { PayloadOf } from '@switchyard/bus';
import { newId } from '@switchyard/bus';
import type { LeadReplied } from '@switchyard/contracts';
import type { LeadRow, Trx } from '../db';
import { CONVERSING } from '../domain/lead-status';
import { afterRandomDelay } from '../domain/pacing';
import { replyRequest } from '../domain/prompts';
import { CampaignNotFound, type Campaign } from '../ports/campaigns';
import { findConversation, finishClaim, insertLead, updateLead } from '../repositories/leads';
import { addMessage, recentHistory } from '../repositories/messages';
import { suppressionOf } from '../repositories/suppressions';
import type { ManagerInfra } from './deps';
import { callModel, leadFacts, modelSettings, nextTry } from './drafting';
import { replySlot, requestOutbound } from './dispatching';

/** Whether the lead's conversation gets automatic answers (the campaign's switch is checked later). */
export const answersAutomatically = (lead: LeadRow) =>
  lead.auto_reply && !lead.taken_over_by && lead.campaign_id !== null && CONVERSING.has(lead.status);

/**
 * Stores an incoming private message. A user without a lead (they wrote first, or their lead is
 * gone) gets a conversation of their own, without automatic answers: the original crashed here.
 * `answering`: an automatic answer is due, so the caller wakes the jobs once this commits.
 */
export async function receiveReply(
  infra: ManagerInfra,
  trx: Trx,
  reply: PayloadOf<typeof LeadReplied>,
): Promise<{ leadId: string; stored: boolean; answering: boolean }> {
  const now = infra.clock();
  const at = new Date(reply.received_at);
  let lead = await findConversation(trx, reply.account_id, reply.user_id);
  if (!lead) {
    lead = await insertLead(trx, {
      id: newId(),
      origin: 'direct',
      campaign_id: null,
      user_id: reply.user_id,
      username: reply.username,
      account_id: reply.account_id,
      status: 'replied',
      status_reason: 'the user wrote first: no lead, no automatic answers',
      auto_reply: false,
      handled_by: infra.instance,
      replied_at: at,
      last_seen_at: now,
    });
  }
  const message = await addMessage(trx, {
    lead_id: lead.id,
    direction: 'in',
    kind: 'inbound',
    text: reply.text,
    at,
    account_id: reply.account_id,
    telegram_message_id: reply.telegram_message_id,
    outbound_id: null,
  });
  if (!message) return { leadId: lead.id, stored: false, answering: false };
  const firstReply = lead.status === 'contacted';
  if (firstReply && lead.campaign_id) infra.metrics.leadReplies.inc({ campaign: lead.campaign_id });
  const status = firstReply ? 'replied' : lead.status;
  const batch = infra.config.MANAGER_REPLY_BATCH_SECONDS * 1000;
  const batchMax = infra.config.MANAGER_REPLY_BATCH_MAX_SECONDS * 1000;
  const answering = answersAutomatically({ ...lead, status });
  const opened = lead.reply_due_at ? (lead.reply_window_opened_at ?? now) : now;
  await updateLead(trx, lead.id, {
    status,
    ...(firstReply ? { replied_at: at } : {}),
    username: reply.username ?? lead.username,
    last_message_at: at,
    // Each message extends the window, up to its longest from the first one.
    ...(answering
      ? {
          reply_window_opened_at: opened,
          reply_due_at: new Date(Math.min(now.getTime() + batch, opened.getTime() + batchMax)),
        }
      : {}),
  });
  return { leadId: lead.id, stored: true, answering };
}

/** Answers one claimed lead whose batching window closed. */
export async function answerLead(infra: ManagerInfra, lead: LeadRow): Promise<void> {
  const stop = (reason?: string) =>
    finishClaim(infra.db, lead.id, infra.instance, {
      reply_due_at: null,
      reply_window_opened_at: null,
      reply_attempts: 0,
      ...(reason ? { status_reason: reason } : {}),
    });
  if (!answersAutomatically(lead)) return void (await stop());
  if (await suppressionOf(infra.db, { userId: lead.user_id, username: lead.username }))
    return void (await stop());
  let campaign: Campaign;
  try {
    campaign = await infra.campaigns.get(lead.campaign_id!);
  } catch (err) {
    if (err instanceof CampaignNotFound)
      return void (await stop('the campaign is gone: no automatic answers'));
    const retryAt = nextTry(infra, lead.reply_attempts + 1, true);
    if (!retryAt) return void (await stop('automatic answer skipped: campaign settings unavailable'));
    await finishClaim(infra.db, lead.id, infra.instance, {
      reply_due_at: retryAt,
      reply_attempts: lead.reply_attempts + 1,
    });
    return;
  }
  if (!campaign.autoReply) return void (await stop());
  const history = await recentHistory(infra.db, lead.id, infra.config.MANAGER_HISTORY_LIMIT);
  if (history.at(-1)?.direction !== 'in') return void (await stop());
  const request = replyRequest({
    seed: lead.id,
    lead: leadFacts(lead, campaign),
    campaign: { name: campaign.name, brief: campaign.brief, welcomeTemplate: campaign.welcomeTemplate },
    settings: modelSettings(campaign),
    history: history.map((m) => ({ direction: m.direction, text: m.text, at: m.at })),
  });
  const attempt = await callModel(infra, campaign, request);
  if (!attempt.ok) {
    const attempts = lead.reply_attempts + 1;
    const retryAt = nextTry(infra, attempts, attempt.retryable);
    infra.log.warn({ leadId: lead.id, attempts, error: attempt.error }, 'automatic answer failed');
    if (!retryAt)
      return void (await stop(
        `automatic answer failed after ${attempts} tries (${attempt.error}); answer by hand`,
      ));
    await finishClaim(infra.db, lead.id, infra.instance, {
      reply_due_at: retryAt,
      reply_attempts: attempts,
      last_error: attempt.error,
    });
    return;
  }
  await infra.transaction(async (trx, publish) => {
    // Still ours and still wanted? (an operator may have taken over during the model call)
    const current = await trx
      .selectFrom('leads')
      .selectAll()
      .where('id', '=', lead.id)
      .forUpdate()
      .executeTakeFirst();
    if (!current || current.claimed_by !== infra.instance) return;
    const newer = await recentHistory(trx, lead.id, 1);
    const moreCame = newer[0] && newer[0].id !== history.at(-1)!.id;
    if (!answersAutomatically(current)) {
      await finishClaim(trx, lead.id, infra.instance, {
        reply_due_at: null,
        reply_window_opened_at: null,
        reply_attempts: 0,
      });
      return;
    }
    const after = afterRandomDelay(infra.clock(), campaign.pacing.answerDelaySeconds, infra.rng);
    const notBefore = await replySlot(trx, infra, current.account_id!, after);
    await requestOutbound(trx, publish, {
      lead: current,
      accountId: current.account_id!,
      kind: 'reply',
      text: attempt.text,
      notBefore,
      requestedBy: 'auto',
      why: `automatic answer (campaign "${campaign.name}", ${attempt.source === 'offline' ? 'offline composer' : attempt.model})`,
    });
    await finishClaim(trx, lead.id, infra.instance, {
      // Messages that came during the model call open the next batch.
      reply_due_at: moreCame ? current.reply_due_at : null,
      reply_window_opened_at: moreCame ? current.reply_window_opened_at : null,
      reply_attempts: 0,
      last_error: null,
    });
  });
}
