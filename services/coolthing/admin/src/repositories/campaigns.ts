import { sql, type Selectable } from '@switchyard/store';
import type { CampaignsTable, Conn, Db } from '../db';
import type { CampaignFields } from '../domain/campaign';
import type { CampaignStatus, CampaignType } from '../domain/types';
import { containsPattern, jsonb, type Page, type PageRequest } from './common';

export type CampaignRow = Selectable<CampaignsTable>;

export interface CampaignFilter {
  type?: CampaignType;
  status?: CampaignStatus;
  scope?: string;
  q?: string;
  chatId?: string;
}

const live = (db: Conn) => db.selectFrom('campaigns').where('deleted_at', 'is', null);

export function fieldsOf(row: CampaignRow): CampaignFields {
  return {
    name: row.name,
    scope: row.scope,
    type: row.type,
    status: row.status,
    targetChatIds: row.target_chat_ids,
    schedule: row.schedule,
    pacing: row.pacing,
    caps: row.caps,
    plusKeywords: row.plus_keywords,
    minusKeywords: row.minus_keywords,
    languages: row.languages,
    llmProfileId: row.llm_profile_id,
    offerBrief: row.offer_brief,
    welcomeTemplate: row.welcome_template,
    followUp: row.follow_up,
    approvalMode: row.approval_mode,
    autoReply: row.auto_reply,
  };
}

function columnsOf(f: CampaignFields) {
  return {
    name: f.name,
    scope: f.scope,
    type: f.type,
    status: f.status,
    target_chat_ids: f.targetChatIds,
    schedule: jsonb(f.schedule),
    pacing: jsonb(f.pacing),
    caps: jsonb(f.caps),
    plus_keywords: f.plusKeywords,
    minus_keywords: f.minusKeywords,
    languages: f.languages,
    llm_profile_id: f.llmProfileId,
    offer_brief: f.offerBrief,
    welcome_template: f.welcomeTemplate,
    follow_up: jsonb(f.followUp),
    approval_mode: f.approvalMode,
    auto_reply: f.autoReply,
  };
}

export async function listCampaigns(
  db: Db,
  filter: CampaignFilter,
  page: PageRequest,
): Promise<Page<CampaignRow>> {
  let q = live(db);
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.scope) q = q.where('scope', '=', filter.scope);
  if (filter.chatId) q = q.where(sql<boolean>`${filter.chatId} = ANY(target_chat_ids)`);
  if (filter.q) q = q.where('name', 'ilike', containsPattern(filter.q));
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), ...page };
}

export const findCampaign = (db: Conn, id: string): Promise<CampaignRow | undefined> =>
  live(db).selectAll().where('id', '=', id).executeTakeFirst();

export const insertCampaign = (db: Conn, id: string, fields: CampaignFields): Promise<CampaignRow> =>
  db
    .insertInto('campaigns')
    .values({ id, ...columnsOf(fields) })
    .returningAll()
    .executeTakeFirstOrThrow();

export const updateCampaign = (
  db: Conn,
  id: string,
  fields: CampaignFields,
): Promise<CampaignRow | undefined> =>
  db
    .updateTable('campaigns')
    .set({ ...columnsOf(fields), updated_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

export async function softDeleteCampaign(db: Conn, id: string): Promise<boolean> {
  const res = await db
    .updateTable('campaigns')
    .set({ deleted_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
