import { z } from '@switchyard/kit';
import { APPROVAL_MODES, CAMPAIGN_STATUSES, CAMPAIGN_TYPES } from '../domain/types';
import { fieldsOf, type CampaignRow } from '../repositories/campaigns';
import { isoOrThrow } from './common';

export const RangeSchema = z.object({ min: z.number().int(), max: z.number().int() });

export const PacingSchema = z
  .object({ newLeadDelaySeconds: RangeSchema, answerDelaySeconds: RangeSchema })
  .openapi('Pacing');
export const CapsSchema = z
  .object({ perAccountPerDay: z.number().int(), perCampaignPerDay: z.number().int() })
  .openapi('Caps');
export const ScheduleSchema = z
  .object({
    timezone: z.string(),
    windows: z.array(z.object({ days: z.array(z.number().int()), start: z.string(), end: z.string() })),
  })
  .openapi('Schedule');
export const FollowUpSchema = z.object({
  enabled: z.boolean(),
  afterHours: z.number().int(),
  maxFollowUps: z.number().int(),
});

export const CampaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.string().nullable(),
    type: z.enum(CAMPAIGN_TYPES),
    status: z.enum(CAMPAIGN_STATUSES),
    targetChatIds: z.array(z.string()),
    schedule: ScheduleSchema,
    pacing: PacingSchema,
    caps: CapsSchema,
    plusKeywords: z.array(z.string()),
    minusKeywords: z.array(z.string()),
    languages: z.array(z.string()),
    llmProfileId: z.string().nullable(),
    offerBrief: z.string().nullable(),
    welcomeTemplate: z.string().nullable(),
    followUp: FollowUpSchema,
    approvalMode: z.enum(APPROVAL_MODES),
    autoReply: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Campaign');

export const campaignView = (row: CampaignRow): z.infer<typeof CampaignSchema> => ({
  id: row.id,
  ...fieldsOf(row),
  createdAt: isoOrThrow(row.created_at),
  updatedAt: isoOrThrow(row.updated_at),
});
