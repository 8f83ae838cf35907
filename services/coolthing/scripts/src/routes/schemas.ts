import { z } from '@switchyard/kit';
import { runPlanSchema } from '@switchyard/coolthing-script';
import { runAccountSchema, runTargetSchema } from '../domain/snapshot';
import type { StoredRun } from '../repositories/runs';

export const SfcIdParam = z.object({
  sfcId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'a run id'),
});

export const RunSummarySchema = z
  .object({
    sfcId: z.string(),
    status: z.enum(['planned', 'rejected']),
    campaignId: z.string().nullable(),
    scriptId: z.string().nullable(),
    chats: z.number().int(),
    lines: z.number().int(),
    problems: z.array(z.string()),
    createdAt: z.string(),
  })
  .openapi('ScriptRunDecision');

export const RunPlanDocSchema = z
  .object({
    sfcId: z.string(),
    campaignId: z.string().nullable(),
    scriptId: z.string().nullable(),
    plan: runPlanSchema,
    targets: z.array(runTargetSchema),
    accounts: z.array(runAccountSchema),
    createdAt: z.string(),
  })
  .openapi('ScriptRunPlan');

export const summaryOf = (run: StoredRun): z.infer<typeof RunSummarySchema> => ({
  sfcId: run.sfcId,
  status: run.status,
  campaignId: run.campaignId,
  scriptId: run.scriptId,
  chats: run.chats,
  lines: run.lines,
  problems: run.problems,
  createdAt: run.createdAt.toISOString(),
});

/** Roles that may read runs (coolthing.md: operators sign in through identity). */
export const READERS = ['owner', 'admin', 'operator', 'viewer'] as const;
