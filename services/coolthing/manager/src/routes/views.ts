import { z } from '@switchyard/kit';
import type { AuditRow, LeadRow, MessageRow, OutboundRow, SuppressionRow } from '../db';
import { encodeCursor } from '../domain/cursor';
import { LEAD_STATUSES } from '../domain/lead-status';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export const LeadSchema = z
  .object({
    id: z.string(),
    origin: z.enum(['parser', 'direct']),
    campaignId: z.string().nullable(),
    status: z.enum(LEAD_STATUSES),
    statusReason: z.string().nullable(),
    user: z.object({
      id: z.string(),
      username: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      bio: z.string().nullable(),
    }),
    source: z.object({
      chatId: z.string().nullable(),
      chatTitle: z.string().nullable(),
      messageId: z.number().int().nullable(),
      message: z.string().nullable(),
      sentAt: z.string().nullable(),
      workerId: z.string().nullable(),
    }),
    matchedKeywords: z.array(z.string()),
    language: z.string().nullable(),
    accountId: z.string().nullable(),
    draft: z
      .object({
        text: z.string().nullable(),
        source: z.string().nullable(),
        model: z.string().nullable(),
        attempts: z.number().int(),
        lastError: z.string().nullable(),
        reviewedBy: z.string().nullable(),
        reviewedAt: z.string().nullable(),
      })
      .openapi('LeadDraft'),
    schedule: z.object({
      dueAt: z.string().nullable(),
      scheduledFor: z.string().nullable(),
      nextCheckAt: z.string().nullable(),
      waitReason: z.string().nullable(),
    }),
    autoReply: z.boolean(),
    takenOverBy: z.string().nullable(),
    mentions: z.number().int(),
    /** The manager instance that took the lead in. */
    handledBy: z.string().nullable(),
    notes: z.string().nullable(),
    tags: z.array(z.string()),
    contactedAt: z.string().nullable(),
    repliedAt: z.string().nullable(),
    lastMessageAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Lead');

export function leadView(r: LeadRow): z.infer<typeof LeadSchema> {
  return {
    id: r.id,
    origin: r.origin,
    campaignId: r.campaign_id,
    status: r.status,
    statusReason: r.status_reason,
    user: { id: r.user_id, username: r.username, firstName: r.first_name, lastName: r.last_name, bio: r.bio },
    source: {
      chatId: r.source_chat_id,
      chatTitle: r.source_chat_title,
      messageId: num(r.source_message_id),
      message: r.source_message,
      sentAt: iso(r.source_sent_at),
      workerId: r.source_worker_id,
    },
    matchedKeywords: r.matched_keywords,
    language: r.language,
    accountId: r.account_id,
    draft: {
      text: r.draft,
      source: r.draft_source,
      model: r.draft_model,
      attempts: r.draft_attempts,
      lastError: r.last_error,
      reviewedBy: r.reviewed_by,
      reviewedAt: iso(r.reviewed_at),
    },
    schedule: {
      dueAt: iso(r.due_at),
      scheduledFor: iso(r.scheduled_for),
      nextCheckAt: iso(r.status === 'queued' ? r.dispatch_at : r.status === 'new' ? r.draft_due_at : null),
      waitReason: r.wait_reason,
    },
    autoReply: r.auto_reply,
    takenOverBy: r.taken_over_by,
    mentions: r.mentions,
    handledBy: r.handled_by,
    notes: r.notes,
    tags: r.tags,
    contactedAt: iso(r.contacted_at),
    repliedAt: iso(r.replied_at),
    lastMessageAt: iso(r.last_message_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export const MessageSchema = z
  .object({
    id: z.number().int(),
    direction: z.enum(['in', 'out']),
    kind: z.enum(['inbound', 'offer', 'reply', 'operator']),
    text: z.string(),
    at: z.string(),
    accountId: z.string().nullable(),
    telegramMessageId: z.number().int().nullable(),
  })
  .openapi('LeadMessage');

export const messageView = (m: MessageRow): z.infer<typeof MessageSchema> => ({
  id: Number(m.id),
  direction: m.direction,
  kind: m.kind,
  text: m.text,
  at: iso(m.at)!,
  accountId: m.account_id,
  telegramMessageId: num(m.telegram_message_id),
});

export const OutboundSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['offer', 'reply', 'operator']),
    accountId: z.string(),
    text: z.string(),
    status: z.enum(['requested', 'sent', 'failed']),
    notBefore: z.string(),
    requestedBy: z.string(),
    why: z.string(),
    failureReason: z.string().nullable(),
    failureDetail: z.string().nullable(),
    sentAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('OutboundMessage');

export const outboundView = (o: OutboundRow): z.infer<typeof OutboundSchema> => ({
  id: o.id,
  kind: o.kind,
  accountId: o.account_id,
  text: o.text,
  status: o.status,
  notBefore: iso(o.not_before)!,
  requestedBy: o.requested_by,
  why: o.why,
  failureReason: o.failure_reason,
  failureDetail: o.failure_detail,
  sentAt: iso(o.sent_at),
  createdAt: iso(o.created_at)!,
});

export const LeadDetailSchema = LeadSchema.extend({
  conversation: z.array(MessageSchema),
  outbound: z.array(OutboundSchema),
}).openapi('LeadDetail');

export const SuppressionSchema = z
  .object({
    id: z.string(),
    userId: z.string().nullable(),
    username: z.string().nullable(),
    source: z.enum(['opt_out', 'operator']),
    reason: z.string().nullable(),
    phrase: z.string().nullable(),
    accountId: z.string().nullable(),
    addedBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('Suppression');

export const suppressionView = (s: SuppressionRow): z.infer<typeof SuppressionSchema> => ({
  id: s.id,
  userId: s.user_id,
  username: s.username,
  source: s.source,
  reason: s.reason,
  phrase: s.phrase,
  accountId: s.account_id,
  addedBy: s.added_by,
  createdAt: iso(s.created_at)!,
});

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    sentAt: z.string(),
    outboundId: z.string(),
    leadId: z.string(),
    campaignId: z.string().nullable(),
    accountId: z.string(),
    userId: z.string(),
    username: z.string().nullable(),
    kind: z.string(),
    text: z.string(),
    why: z.string(),
    requestedBy: z.string(),
    telegramMessageId: z.number().int(),
  })
  .openapi('OutboundAuditEntry');

export const auditView = (a: AuditRow): z.infer<typeof AuditEntrySchema> => ({
  id: Number(a.id),
  sentAt: iso(a.sent_at)!,
  outboundId: a.outbound_id,
  leadId: a.lead_id,
  campaignId: a.campaign_id,
  accountId: a.account_id,
  userId: a.user_id,
  username: a.username,
  kind: a.kind,
  text: a.text,
  why: a.why,
  requestedBy: a.requested_by,
  telegramMessageId: Number(a.telegram_message_id),
});

/** A page with the cursor of the next one (null on the last page). */
export const pageOf = <S extends z.ZodType>(item: S, name: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).openapi(name);

/** The next page's cursor when this page is full. */
export const nextCursor = (rows: { id: string | number }[], limit: number): string | null =>
  rows.length === limit ? encodeCursor(String(rows.at(-1)!.id)) : null;

export const LeadIdParam = z.object({ id: z.string().min(1).max(64) });

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};
