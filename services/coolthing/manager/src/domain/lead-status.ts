// A lead's life (coolthing.md "Leads") and what an operator may set by hand.

export const LEAD_STATUSES = [
  'new',
  'queued',
  'in_review',
  'contacted',
  'replied',
  'interested',
  'converted',
  'opted_out',
  'failed',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Statuses a lead leaves only through the workflow (drafting, approval, delivery). */
const WORKFLOW: ReadonlySet<LeadStatus> = new Set(['new', 'queued', 'in_review']);

/**
 * Why an operator may not move a lead from `from` to `to`, or null when they may. Setting
 * `new` asks for a fresh draft, `in_review`/`queued` need a draft to review or send.
 */
export function statusChangeProblem(
  from: LeadStatus,
  to: LeadStatus,
  lead: { hasDraft: boolean; hasCampaign: boolean; contacted: boolean },
): string | null {
  if (from === to) return null;
  if (from === 'opted_out') return 'the user opted out; the lead stays opted out';
  if (WORKFLOW.has(to)) {
    if (!lead.hasCampaign) return 'a conversation without a campaign has no offer to draft or send';
    if (lead.contacted) return 'the offer was already delivered';
    if (to !== 'new' && !lead.hasDraft) return 'there is no draft yet';
  }
  return null;
}

/** Statuses in which the conversation may still get automatic answers. */
export const CONVERSING: ReadonlySet<LeadStatus> = new Set(['contacted', 'replied', 'interested']);
