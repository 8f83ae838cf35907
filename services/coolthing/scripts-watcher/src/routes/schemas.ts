import { z } from '@switchyard/kit';
import type { RunRow } from '../db';
import type { RunCounts } from '../repositories/queries';

export const READERS = ['owner', 'admin', 'operator', 'viewer'] as const;
export const RUN_STATUSES = [
  'planned',
  'rejected',
  'running',
  'paused',
  'stalled',
  'done',
  'stopped',
  'failed',
] as const;

export const SfcIdParam = z.object({
  sfcId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'a run id'),
});

export const Page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const CountsSchema = z.object({
  planned: z.number().int(),
  sent: z.number().int(),
  skipped: z.number().int(),
  unconfirmed: z.number().int(),
});
const EngagementCountsSchema = z.object({
  total: z.number().int(),
  replies: z.number().int(),
  messages: z.number().int(),
  reactions: z.number().int(),
});
const ProblemSchema = z.object({ chat_id: z.string().nullable(), reason: z.string(), text: z.string() });

export const RunSchema = z
  .object({
    sfcId: z.string(),
    status: z.enum(RUN_STATUSES),
    campaignId: z.string().nullable(),
    scriptId: z.string().nullable(),
    chats: z.number().int(),
    attempt: z.number().int(),
    lines: CountsSchema,
    engagement: EngagementCountsSchema,
    problems: z.array(ProblemSchema),
    waiting: z.object({ reason: z.string(), until: z.string().nullable() }).nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    lastProgressAt: z.string().nullable(),
    stalledAt: z.string().nullable(),
  })
  .openapi('ScriptRunProgress');

export function runView(row: RunRow, counts: RunCounts): z.infer<typeof RunSchema> {
  const problems = (typeof row.problems === 'string' ? JSON.parse(row.problems) : row.problems) as z.infer<
    typeof ProblemSchema
  >[];
  return {
    sfcId: row.sfc_id,
    status: row.status,
    campaignId: row.campaign_id,
    scriptId: row.script_id,
    chats: row.chats,
    attempt: row.attempt,
    lines: {
      planned: counts.planned,
      sent: counts.sent,
      skipped: counts.skipped,
      unconfirmed: counts.unconfirmed,
    },
    engagement: counts.engagement,
    problems,
    waiting: row.waiting_reason ? { reason: row.waiting_reason, until: iso(row.waiting_until) } : null,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    lastProgressAt: iso(row.last_progress_at),
    stalledAt: iso(row.stalled_at),
  };
}

export const ChatProgressSchema = z
  .object({
    chatId: z.string(),
    title: z.string().nullable(),
    variant: z.string().nullable(),
    status: z.enum(['pending', 'playing', 'done', 'skipped']),
    skip: z
      .object({
        reason: z.string(),
        textEn: z.string().nullable(),
        textRu: z.string().nullable(),
        onLine: z.number().int().nullable(),
      })
      .nullable(),
    lines: CountsSchema,
    engagement: z.number().int(),
  })
  .openapi('ScriptChatProgress');

export const LineProgressSchema = z
  .object({
    chatId: z.string(),
    lineNo: z.number().int(),
    role: z.number().int().nullable(),
    accountId: z.string().nullable(),
    text: z.string().nullable(),
    status: z.enum(['planned', 'sent', 'skipped', 'unconfirmed']),
    plannedAt: z.string().nullable(),
    sentAt: z.string().nullable(),
    /** sentAt − plannedAt in ms: how late (or early) the line went out. */
    lateByMs: z.number().nullable(),
    telegramMessageId: z.number().int().nullable(),
    replyToMessageId: z.number().int().nullable(),
    reason: z.string().nullable(),
  })
  .openapi('ScriptLineProgress');

export const EngagementSchema = z
  .object({
    chatId: z.string(),
    kind: z.string(),
    memberId: z.string(),
    telegramMessageId: z.number().int().nullable(),
    replyToLineNo: z.number().int().nullable(),
    at: z.string(),
  })
  .openapi('ScriptEngagementItem');

export { iso };
