// The campaign as the manager needs it: parser settings, the LLM profile (with its key) and the
// manager accounts. The admin serves it at GET /internal/campaigns/{id} (fellow services only).
import type { InternalCampaign } from '@switchyard/contracts/coolthing-admin';
import type { ManagerAccount } from '../domain/accounts';
import type { Schedule } from '../domain/windows';

// The admin's answer, declared once in the contracts (its schema validates the answer).
export type { InternalCampaign };

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
