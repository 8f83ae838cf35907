// Campaigns: defaults, partial updates and status changes. A PATCH changes exactly the fields
// it names; the original's generic update wrote every field, None included, and wiped the
// ones its form misnamed (reference §6, "Admin forms").
import type {
  ApprovalMode,
  CampaignStatus,
  CampaignType,
  Caps,
  FollowUpPolicy,
  Pacing,
  Schedule,
} from './types';

export interface CampaignFields {
  name: string;
  scope: string | null;
  type: CampaignType;
  status: CampaignStatus;
  targetChatIds: string[];
  schedule: Schedule;
  pacing: Pacing;
  caps: Caps;
  plusKeywords: string[];
  minusKeywords: string[];
  languages: string[];
  llmProfileId: string | null;
  offerBrief: string | null;
  welcomeTemplate: string | null;
  followUp: FollowUpPolicy;
  approvalMode: ApprovalMode;
  autoReply: boolean;
}

/** Nested settings may be sent in part: `{ pacing: { answerDelaySeconds } }` keeps the lead delay. */
export type CampaignPatch = Partial<
  Omit<CampaignFields, 'type' | 'schedule' | 'pacing' | 'caps' | 'followUp'>
> & {
  schedule?: Partial<Schedule>;
  pacing?: Partial<Pacing>;
  caps?: Partial<Caps>;
  followUp?: Partial<FollowUpPolicy>;
};

export type CampaignInput = CampaignPatch & { name: string; type: CampaignType };

/** The original's intervals (180-300 s before a welcome, 15-30 s per answer) and cautious caps. */
export const CAMPAIGN_DEFAULTS: Omit<CampaignFields, 'name' | 'type'> = {
  scope: null,
  status: 'draft',
  targetChatIds: [],
  schedule: { timezone: 'UTC', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '21:00' }] },
  pacing: { newLeadDelaySeconds: { min: 180, max: 300 }, answerDelaySeconds: { min: 15, max: 30 } },
  caps: { perAccountPerDay: 30, perCampaignPerDay: 300 },
  plusKeywords: [],
  minusKeywords: [],
  languages: [],
  llmProfileId: null,
  offerBrief: null,
  welcomeTemplate: null,
  followUp: { enabled: false, afterHours: 24, maxFollowUps: 1 },
  approvalMode: 'review',
  autoReply: true,
};

const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Applies the fields present in `patch` (nested objects merged key by key) to `current`. */
export function applyCampaignPatch(current: CampaignFields, patch: CampaignPatch): CampaignFields {
  const { schedule, pacing, caps, followUp, ...flat } = patch;
  return {
    ...current,
    ...defined(flat),
    schedule: { ...current.schedule, ...defined(schedule ?? {}) },
    pacing: { ...current.pacing, ...defined(pacing ?? {}) },
    caps: { ...current.caps, ...defined(caps ?? {}) },
    followUp: { ...current.followUp, ...defined(followUp ?? {}) },
  };
}

export function newCampaign(input: CampaignInput): CampaignFields {
  const { name, type, ...rest } = input;
  return applyCampaignPatch({ ...CAMPAIGN_DEFAULTS, name, type }, rest);
}

/** Names of the fields whose values differ, sorted (for the audit log). */
export function changedFields(before: CampaignFields, after: CampaignFields): string[] {
  return (Object.keys(after) as (keyof CampaignFields)[])
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}

/** A finished campaign stays finished; anything else may move freely. */
export function statusChangeProblem(from: CampaignStatus, to: CampaignStatus): string | null {
  if (from === 'finished' && to !== 'finished') return 'a finished campaign cannot be reopened';
  return null;
}
