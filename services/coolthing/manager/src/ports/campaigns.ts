// The campaign as the manager needs it: parser settings, the LLM profile (with its key) and the
// manager accounts. The admin serves it at GET /internal/campaigns/{id} (fellow services only).
import { z } from 'zod';
import { ACCOUNT_STATUSES, type ManagerAccount } from '../domain/accounts';
import type { Schedule } from '../domain/windows';

const range = z.object({ min: z.number().int().min(0), max: z.number().int().min(0) });
const instant = z.iso.datetime({ offset: true });

export const internalCampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(['scripts', 'parser']),
  status: z.enum(['draft', 'active', 'paused', 'finished']),
  schedule: z.object({
    timezone: z.string(),
    windows: z.array(z.object({ days: z.array(z.number().int()), start: z.string(), end: z.string() })),
  }),
  pacing: z.object({ newLeadDelaySeconds: range, answerDelaySeconds: range }),
  caps: z.object({ perAccountPerDay: z.number().int().min(0), perCampaignPerDay: z.number().int().min(0) }),
  languages: z.array(z.string()),
  offerBrief: z.string().nullable(),
  welcomeTemplate: z.string().nullable(),
  followUp: z.object({ enabled: z.boolean(), afterHours: z.number(), maxFollowUps: z.number().int() }),
  approvalMode: z.enum(['review', 'auto']),
  autoReply: z.boolean(),
  llmProfile: z
    .object({
      id: z.string(),
      name: z.string(),
      baseUrl: z.string(),
      model: z.string(),
      apiKey: z.string().nullable(),
      systemPrompt: z.string(),
      temperature: z.number(),
      maxTokens: z.number().int(),
    })
    .nullable(),
  accounts: z.array(
    z.object({
      id: z.string(),
      status: z.enum(ACCOUNT_STATUSES),
      username: z.string().nullable(),
      telegramUserId: z.string().nullable(),
      warmupStage: z.number().int(),
      floodWaitUntil: instant.nullable(),
      isReserve: z.boolean(),
      countersDay: z.string().nullable(),
      contactsToday: z.number().int(),
      messagesToday: z.number().int(),
    }),
  ),
});

export type InternalCampaign = z.output<typeof internalCampaignSchema>;

/** The campaign in the manager's terms. */
export interface Campaign {
  id: string;
  name: string;
  status: InternalCampaign['status'];
  schedule: Schedule;
  pacing: InternalCampaign['pacing'];
  caps: InternalCampaign['caps'];
  languages: string[];
  brief: string | null;
  welcomeTemplate: string | null;
  followUp: InternalCampaign['followUp'];
  approvalMode: 'review' | 'auto';
  autoReply: boolean;
  llm: InternalCampaign['llmProfile'];
  accounts: ManagerAccount[];
}

export function campaignOf(doc: InternalCampaign): Campaign {
  return {
    id: doc.id,
    name: doc.name,
    status: doc.status,
    schedule: doc.schedule,
    pacing: doc.pacing,
    caps: doc.caps,
    languages: doc.languages,
    brief: doc.offerBrief,
    welcomeTemplate: doc.welcomeTemplate,
    followUp: doc.followUp,
    approvalMode: doc.approvalMode,
    autoReply: doc.autoReply,
    llm: doc.llmProfile,
    accounts: doc.accounts.map((a) => ({
      id: a.id,
      status: a.status,
      warmupStage: a.warmupStage,
      floodWaitUntil: a.floodWaitUntil ? new Date(a.floodWaitUntil) : null,
      isReserve: a.isReserve,
    })),
  };
}

/** The campaign is gone (deleted or never existed): its leads cannot proceed. */
export class CampaignNotFound extends Error {
  override name = 'CampaignNotFound';
  constructor(readonly campaignId: string) {
    super(`campaign ${campaignId} does not exist`);
  }
}

export interface CampaignSource {
  /** The campaign, possibly a few seconds old; CampaignNotFound when it does not exist; other errors are transient. */
  get(id: string): Promise<Campaign>;
  /** Forgets what is cached (after an operator changed something through this service). */
  invalidate(id?: string): void;
}
