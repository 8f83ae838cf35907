import type { Insertable, Selectable, Updateable } from '@switchyard/store';
import type { Conn, Db, LlmProfilesTable } from '../db';
import { containsPattern, type Page, type PageRequest } from './common';

export type LlmProfileRow = Selectable<LlmProfilesTable>;

const live = (db: Conn) => db.selectFrom('llm_profiles').where('deleted_at', 'is', null);

export async function listLlmProfiles(
  db: Db,
  filter: { q?: string },
  page: PageRequest,
): Promise<Page<LlmProfileRow>> {
  let q = live(db);
  if (filter.q)
    q = q.where((eb) =>
      eb.or([
        eb('name', 'ilike', containsPattern(filter.q!)),
        eb('model', 'ilike', containsPattern(filter.q!)),
      ]),
    );
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), ...page };
}

export const findLlmProfile = (db: Conn, id: string): Promise<LlmProfileRow | undefined> =>
  live(db).selectAll().where('id', '=', id).executeTakeFirst();

export const insertLlmProfile = (db: Conn, row: Insertable<LlmProfilesTable>): Promise<LlmProfileRow> =>
  db.insertInto('llm_profiles').values(row).returningAll().executeTakeFirstOrThrow();

export const updateLlmProfile = (
  db: Conn,
  id: string,
  changes: Updateable<LlmProfilesTable>,
): Promise<LlmProfileRow | undefined> =>
  db
    .updateTable('llm_profiles')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

export async function softDeleteLlmProfile(db: Conn, id: string): Promise<boolean> {
  const res = await db
    .updateTable('llm_profiles')
    .set({ deleted_at: new Date(), api_key_sealed: null })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Campaigns (not deleted) that use the profile. */
export async function campaignsUsingProfile(db: Conn, id: string): Promise<number> {
  const row = await db
    .selectFrom('campaigns')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('llm_profile_id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
