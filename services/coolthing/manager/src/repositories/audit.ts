import type { Insertable } from '@switchyard/store';
import type { AuditLogTable, AuditRow, Conn } from '../db';

/** Records an outbound message once (a redelivered event finds it there). */
export const recordSent = (db: Conn, row: Insertable<AuditLogTable>): Promise<AuditRow | undefined> =>
  db
    .insertInto('audit_log')
    .values(row)
    .onConflict((oc) => oc.column('outbound_id').doNothing())
    .returningAll()
    .executeTakeFirst();

export interface AuditFilter {
  campaignId?: string;
  accountId?: string;
  userId?: string;
  leadId?: string;
  kind?: string;
  since?: Date;
  until?: Date;
}

/** Newest first, keyset-paginated on the id. */
export async function listAudit(
  db: Conn,
  filter: AuditFilter,
  page: { limit: number; after?: number },
): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.campaignId) q = q.where('campaign_id', '=', filter.campaignId);
  if (filter.accountId) q = q.where('account_id', '=', filter.accountId);
  if (filter.userId) q = q.where('user_id', '=', filter.userId);
  if (filter.leadId) q = q.where('lead_id', '=', filter.leadId);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.since) q = q.where('sent_at', '>=', filter.since);
  if (filter.until) q = q.where('sent_at', '<', filter.until);
  if (page.after !== undefined) q = q.where('id', '<', String(page.after));
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}
