// Drafting offers with the campaign's model. A failed call is tried again later with backoff
// (only when the failure may pass); after the last try the lead is parked as `failed` with the
// reason on it, never dropped.
import { LlmError, type ChatRequest } from '@switchyard/llm';
import type { LeadRow } from '../db';
import { chooseLanguage } from '../domain/language';
import { afterRandomDelay, backoffMs } from '../domain/pacing';
import { offerRequest, type LeadFacts } from '../domain/prompts';
import { CampaignNotFound, type Campaign } from '../ports/campaigns';
import { finishClaim } from '../repositories/leads';
import { suppressionOf } from '../repositories/suppressions';
import type { ManagerInfra } from './deps';

export function leadFacts(lead: LeadRow, campaign: Campaign | null): LeadFacts {
  return {
    firstName: lead.first_name,
    lastName: lead.last_name,
    username: lead.username,
    bio: lead.bio,
    message: lead.source_message ?? '',
    chatTitle: lead.source_chat_title,
    keywords: lead.matched_keywords,
    language: chooseLanguage({
      detected: lead.language,
      text: lead.source_message ?? '',
      campaignLanguages: campaign?.languages ?? [],
    }),
  };
}

export const modelSettings = (campaign: Campaign) => ({
  model: campaign.llm?.model ?? 'offline-composer',
  systemPrompt: campaign.llm?.systemPrompt ?? '',
  temperature: campaign.llm?.temperature ?? 0.7,
  maxTokens: campaign.llm?.maxTokens ?? 512,
});

/** Model output as a message: trimmed, outer quotes dropped, at most Telegram's 4096 characters. */
export function cleanText(text: string): string {
  let t = text.trim();
  const quoted = /^(["«“])([\s\S]*)(["»”])$/.exec(t);
  if (quoted && !quoted[2]!.includes(quoted[1]!)) t = quoted[2]!.trim();
  return t.slice(0, 4096);
}

export type Attempt =
  | { ok: true; text: string; source: string; model: string }
  | { ok: false; retryable: boolean; error: string };

/** One model call with the deadline; failures come back as values. */
export async function callModel(
  infra: ManagerInfra,
  campaign: Campaign,
  request: ChatRequest,
): Promise<Attempt> {
  try {
    const answer = await infra.llm
      .for(campaign)
      .chat(request, AbortSignal.timeout(infra.config.MANAGER_LLM_TIMEOUT_MS + 1000));
    const text = cleanText(answer.text);
    if (!text) return { ok: false, retryable: true, error: 'the model answered with no text' };
    return { ok: true, text, source: answer.source, model: answer.model };
  } catch (err) {
    if (err instanceof LlmError)
      return { ok: false, retryable: err.retryable, error: err.message.slice(0, 500) };
    // The offline composer or the deadline: nothing tells us it will pass, but it may.
    return { ok: false, retryable: true, error: (err as Error).message.slice(0, 500) };
  }
}

/** When to try again after `attempts` failed tries, or null when the last try is spent. */
export function nextTry(infra: ManagerInfra, attempts: number, retryable: boolean): Date | null {
  if (!retryable || attempts >= infra.config.MANAGER_LLM_ATTEMPTS) return null;
  const delay = backoffMs(
    attempts,
    {
      baseMs: infra.config.MANAGER_LLM_BACKOFF_MS,
      factor: 3,
      maxMs: infra.config.MANAGER_LLM_BACKOFF_MAX_MS,
    },
    infra.rng,
  );
  return new Date(infra.clock().getTime() + delay);
}

/** Drafts the offer of one claimed lead and moves it on: review, queue, retry later, or park. */
export async function draftLead(infra: ManagerInfra, lead: LeadRow): Promise<void> {
  const { instance } = infra;
  const finish = (patch: Parameters<typeof finishClaim>[3]) =>
    finishClaim(infra.db, lead.id, instance, patch);
  let campaign: Campaign;
  try {
    campaign = await infra.campaigns.get(lead.campaign_id!);
  } catch (err) {
    if (err instanceof CampaignNotFound) {
      await finish({
        status: 'failed',
        status_reason: 'the campaign does not exist any more',
        draft_due_at: null,
      });
      return;
    }
    const attempts = lead.draft_attempts + 1;
    const error = `campaign settings unavailable: ${(err as Error).message.slice(0, 300)}`;
    const retryAt = nextTry(infra, attempts, true);
    await finish(
      retryAt
        ? { draft_attempts: attempts, draft_due_at: retryAt, last_error: error }
        : {
            status: 'failed',
            status_reason: `not drafted after ${attempts} tries: ${error}`,
            draft_due_at: null,
            last_error: error,
          },
    );
    return;
  }
  if (await suppressionOf(infra.db, { userId: lead.user_id, username: lead.username })) {
    await finish({
      status: 'opted_out',
      status_reason: 'on the do-not-contact list: never contacted',
      draft_due_at: null,
    });
    return;
  }
  const request = offerRequest({
    seed: lead.id,
    lead: leadFacts(lead, campaign),
    campaign: { name: campaign.name, brief: campaign.brief, welcomeTemplate: campaign.welcomeTemplate },
    settings: modelSettings(campaign),
  });
  const attempt = await callModel(infra, campaign, request);
  const attempts = lead.draft_attempts + 1;
  if (!attempt.ok) {
    const retryAt = nextTry(infra, attempts, attempt.retryable);
    infra.log.warn(
      { leadId: lead.id, attempts, retryable: attempt.retryable, error: attempt.error },
      'offer draft failed',
    );
    await finish(
      retryAt
        ? { draft_attempts: attempts, draft_due_at: retryAt, last_error: attempt.error }
        : {
            status: 'failed',
            status_reason: attempt.retryable
              ? `the model failed ${attempts} times: ${attempt.error}`
              : `the model refused the request: ${attempt.error}`,
            draft_attempts: attempts,
            draft_due_at: null,
            last_error: attempt.error,
          },
    );
    return;
  }
  const now = infra.clock();
  const review = campaign.approvalMode === 'review';
  const dueAt = afterRandomDelay(lead.created_at, campaign.pacing.newLeadDelaySeconds, infra.rng);
  await finish({
    draft: attempt.text,
    draft_source: attempt.source,
    draft_model: attempt.model,
    draft_attempts: attempts,
    draft_due_at: null,
    last_error: null,
    status: review ? 'in_review' : 'queued',
    status_reason: review ? 'waiting for an operator to approve the draft' : null,
    due_at: review ? null : dueAt,
    dispatch_at: review ? null : now,
  });
  if (!review) infra.nudge();
}
