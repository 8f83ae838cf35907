import { z } from '@switchyard/kit';
import { RUN_STATUSES } from '../domain/types';
import type { RunRow, RunSummaryRow } from '../repositories/runs';
import { iso, isoOrThrow } from './common';

export const RunSchema = z
  .object({
    id: z.string(),
    status: z.enum(RUN_STATUSES),
    statusReason: z.string().nullable(),
    scriptId: z.string(),
    scriptVersion: z.number().int(),
    scriptName: z.string(),
    campaignId: z.string(),
    campaignName: z.string(),
    /** Role index → account id. */
    mapping: z.record(z.string(), z.string()),
    chatIds: z.array(z.string()),
    seed: z.string(),
    attempt: z.number().int(),
    linesSent: z.number().int(),
    chatsSkipped: z.number().int(),
    problems: z.array(z.object({ chatId: z.string().nullable(), reason: z.string(), text: z.string() })),
    requestedBy: z.string(),
    controlRequested: z.string().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    lastEventAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ScriptRun');

export const RunDetailSchema = RunSchema.extend({
  /** The script as it was when the run was activated. */
  script: z.record(z.string(), z.unknown()),
}).openapi('ScriptRunDetail');

export const runView = (row: RunSummaryRow): z.infer<typeof RunSchema> => ({
  id: row.id,
  status: row.status,
  statusReason: row.status_reason,
  scriptId: row.script_id,
  scriptVersion: row.script_version,
  scriptName: row.script_name,
  campaignId: row.campaign_id,
  campaignName: row.campaign_name,
  mapping: row.mapping,
  chatIds: row.chat_ids,
  seed: row.seed,
  attempt: row.attempt,
  linesSent: row.lines_sent,
  chatsSkipped: row.chats_skipped,
  problems: row.problems,
  requestedBy: row.requested_by,
  controlRequested: row.control_requested,
  startedAt: iso(row.started_at),
  finishedAt: iso(row.finished_at),
  lastEventAt: iso(row.last_event_at),
  createdAt: isoOrThrow(row.created_at),
  updatedAt: isoOrThrow(row.updated_at),
});

export const runDetailView = (row: RunRow): z.infer<typeof RunDetailSchema> => ({
  ...runView(row),
  script: row.script_body as Record<string, unknown>,
});
