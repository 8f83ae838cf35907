import { sql, type Insertable, type Updateable } from '@switchyard/store';
import type { Conn, LeadRow, LeadsTable } from '../db';
import type { LeadStatus } from '../domain/lead-status';

export type LeadInsert = Insertable<LeadsTable>;
export type LeadPatch = Updateable<LeadsTable>;

export const findLead = (db: Conn, id: string): Promise<LeadRow | undefined> =>
  db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();

export const findLeadBySource = (db: Conn, eventId: string): Promise<LeadRow | undefined> =>
  db.selectFrom('leads').selectAll().where('source_event_id', '=', eventId).executeTakeFirst();

/**
 * A lead read to be changed in this transaction, locked: the reports of one message (sent,
 * reply, opt-out) come on separate queues, maybe to separate instances, and the last writer
 * must not undo an opt-out it never saw.
 */
export const lockLead = (db: Conn, id: string): Promise<LeadRow | undefined> =>
  db.selectFrom('leads').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** The conversation a private message to `accountId` from `userId` belongs to: the newest lead, locked (see lockLead). */
export const findConversation = (db: Conn, accountId: string, userId: string): Promise<LeadRow | undefined> =>
  db
    .selectFrom('leads')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();

export const insertLead = (db: Conn, row: LeadInsert): Promise<LeadRow> =>
  db.insertInto('leads').values(row).returningAll().executeTakeFirstOrThrow();

export async function updateLead(db: Conn, id: string, patch: LeadPatch): Promise<LeadRow | undefined> {
  return db
    .updateTable('leads')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Takes the dedup key of (campaign, user) for a new lead unless one was taken within the
 * window. The row lock of the upsert makes concurrent instances agree. Returns the previous
 * lead id when this is a duplicate.
 */
export async function takeLeadKey(
  db: Conn,
  input: { campaignId: string; userId: string; leadId: string; now: Date; windowMs: number },
): Promise<{ fresh: true } | { fresh: false; leadId: string }> {
  const cutoff = new Date(input.now.getTime() - input.windowMs);
  const taken = await db
    .insertInto('lead_keys')
    .values({
      campaign_id: input.campaignId,
      user_id: input.userId,
      lead_id: input.leadId,
      last_at: input.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['campaign_id', 'user_id'])
        .doUpdateSet({ lead_id: input.leadId, last_at: input.now })
        .where('lead_keys.last_at', '<', cutoff),
    )
    .returning('lead_id')
    .executeTakeFirst();
  if (taken) return { fresh: true };
  const current = await db
    .selectFrom('lead_keys')
    .select('lead_id')
    .where('campaign_id', '=', input.campaignId)
    .where('user_id', '=', input.userId)
    .executeTakeFirstOrThrow();
  return { fresh: false, leadId: current.lead_id };
}

export type JobKind = 'draft' | 'dispatch' | 'reply';

/**
 * Claims up to `limit` leads whose job is due, for `claimMs`: other instances skip them
 * (SKIP LOCKED while choosing, the claim afterwards). The work itself runs outside any transaction.
 */
export async function claimDue(
  db: Conn,
  kind: JobKind,
  input: { instance: string; now: Date; claimMs: number; limit: number },
): Promise<LeadRow[]> {
  const until = new Date(input.now.getTime() + input.claimMs);
  const due =
    kind === 'draft'
      ? sql`status = 'new' AND draft_due_at <= ${input.now}`
      : kind === 'dispatch'
        ? sql`status = 'queued' AND dispatch_at <= ${input.now}`
        : sql`reply_due_at <= ${input.now}`;
  const order =
    kind === 'draft' ? sql`draft_due_at` : kind === 'dispatch' ? sql`dispatch_at` : sql`reply_due_at`;
  const rows = await sql<LeadRow>`
    UPDATE leads SET claimed_by = ${input.instance}, claim_until = ${until}
    WHERE id IN (
      SELECT id FROM leads
      WHERE ${due} AND (claim_until IS NULL OR claim_until < ${input.now})
      ORDER BY ${order}, id
      LIMIT ${input.limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING *`.execute(db);
  return rows.rows;
}

/** Updates a claimed lead and gives the claim back; undefined when the claim was lost meanwhile. */
export async function finishClaim(
  db: Conn,
  id: string,
  instance: string,
  patch: LeadPatch,
): Promise<LeadRow | undefined> {
  return db
    .updateTable('leads')
    .set({ ...patch, claimed_by: null, claim_until: null, updated_at: new Date() })
    .where('id', '=', id)
    .where('claimed_by', '=', instance)
    .returningAll()
    .executeTakeFirst();
}

export interface LeadFilter {
  campaignId?: string;
  status?: LeadStatus;
  accountId?: string;
  userId?: string;
  since?: Date;
  until?: Date;
  q?: string;
  tag?: string;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Newest first, keyset-paginated on the id (UUIDv7 grows with time). */
export async function listLeads(
  db: Conn,
  filter: LeadFilter,
  page: { limit: number; after?: string },
): Promise<LeadRow[]> {
  let q = db.selectFrom('leads').selectAll();
  if (filter.campaignId) q = q.where('campaign_id', '=', filter.campaignId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.accountId) q = q.where('account_id', '=', filter.accountId);
  if (filter.userId) q = q.where('user_id', '=', filter.userId);
  if (filter.since) q = q.where('created_at', '>=', filter.since);
  if (filter.until) q = q.where('created_at', '<', filter.until);
  if (filter.tag) q = q.where(sql<boolean>`${filter.tag} = ANY(tags)`);
  if (filter.q) {
    const p = likePattern(filter.q);
    q = q.where((eb) =>
      eb.or([
        eb('source_message', 'ilike', p),
        eb('username', 'ilike', p),
        eb('first_name', 'ilike', p),
        eb('last_name', 'ilike', p),
        eb('notes', 'ilike', p),
        eb('draft', 'ilike', p),
      ]),
    );
  }
  if (page.after) q = q.where('id', '<', page.after);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

/** Every lead of a user (an opt-out applies to all of them). */
export const leadsOfUser = (db: Conn, userId: string): Promise<LeadRow[]> =>
  db.selectFrom('leads').selectAll().where('user_id', '=', userId).execute();
