import { badRequest, z } from '@switchyard/kit';
import { decodeCursor } from '../domain/cursor';
import { LEAD_STATUSES } from '../domain/lead-status';
import type { LeadFilter } from '../repositories/leads';

/** Filters shared by the list and the CSV export. */
export const LeadFilterQuery = {
  campaignId: z.string().min(1).max(64).optional(),
  status: z.enum(LEAD_STATUSES).optional(),
  accountId: z.string().min(1).max(64).optional(),
  userId: z.string().min(1).max(64).optional(),
  tag: z.string().min(1).max(64).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().min(1).max(200).optional(),
};

export function leadFilter(query: {
  campaignId?: string;
  status?: LeadFilter['status'];
  accountId?: string;
  userId?: string;
  tag?: string;
  since?: string;
  until?: string;
  q?: string;
}): LeadFilter {
  return {
    ...(query.campaignId ? { campaignId: query.campaignId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.accountId ? { accountId: query.accountId } : {}),
    ...(query.userId ? { userId: query.userId } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.since ? { since: new Date(query.since) } : {}),
    ...(query.until ? { until: new Date(query.until) } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
}

/** The key a cursor carries, or a 400 for a cursor that is not ours. */
export function cursorKey(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor);
  if (key === null) throw badRequest('The cursor is not valid; start again without it.');
  return key;
}
