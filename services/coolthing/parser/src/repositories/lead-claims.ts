// One lead per (campaign, user) within a window. The claim is a single upsert, so two workers
// (or two lanes) seeing the same user at once cannot both win.
import type { Conn, Db } from '../db';

export interface Claim {
  campaignId: string;
  userId: string;
  accountId: string;
  chatId: string;
  messageId: number;
  at: Date;
  windowMs: number;
}

/** True when the user already is a lead of the campaign within the window (no need to read a profile). */
export async function recentlyClaimed(
  db: Conn,
  campaignId: string,
  userId: string,
  since: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('lead_claims')
    .select('user_id')
    .where('campaign_id', '=', campaignId)
    .where('user_id', '=', userId)
    .where('emitted_at', '>', since)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Claims the lead: inserts the row, or takes over one whose window has passed. False when a
 * claim within the window exists (the message is a duplicate).
 */
export async function claimLead(conn: Conn, claim: Claim): Promise<boolean> {
  const cutoff = new Date(claim.at.getTime() - claim.windowMs);
  const row = await conn
    .insertInto('lead_claims')
    .values({
      campaign_id: claim.campaignId,
      user_id: claim.userId,
      emitted_at: claim.at,
      account_id: claim.accountId,
      chat_id: claim.chatId,
      message_id: claim.messageId,
    })
    .onConflict((oc) =>
      oc
        .columns(['campaign_id', 'user_id'])
        .doUpdateSet((eb) => ({
          emitted_at: eb.ref('excluded.emitted_at'),
          account_id: eb.ref('excluded.account_id'),
          chat_id: eb.ref('excluded.chat_id'),
          message_id: eb.ref('excluded.message_id'),
        }))
        .where('lead_claims.emitted_at', '<=', cutoff),
    )
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Deletes claims older than `before` (they no longer block anything). */
export async function pruneClaims(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('lead_claims').where('emitted_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
