import type { Selectable } from '@switchyard/store';
import type { Script } from '@switchyard/coolthing-script';
import type { Conn, Db, ScriptsTable } from '../db';
import { containsPattern, jsonb, type Page, type PageRequest } from './common';

export type ScriptRow = Selectable<ScriptsTable>;
export type ScriptSummaryRow = Omit<ScriptRow, 'body'>;

const live = (db: Conn) => db.selectFrom('scripts').where('deleted_at', 'is', null);

const SUMMARY = [
  'id',
  'name',
  'language',
  'version',
  'roles_count',
  'lines_count',
  'variants_total',
  'created_by',
  'created_at',
  'updated_at',
  'deleted_at',
] as const;

export async function listScripts(
  db: Db,
  filter: { q?: string; language?: string },
  page: PageRequest,
): Promise<Page<ScriptSummaryRow>> {
  let q = live(db);
  if (filter.q) q = q.where('name', 'ilike', containsPattern(filter.q));
  if (filter.language) q = q.where('language', '=', filter.language);
  const [items, count] = await Promise.all([
    q.select(SUMMARY).orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), ...page };
}

export const findScript = (db: Conn, id: string): Promise<ScriptRow | undefined> =>
  live(db).selectAll().where('id', '=', id).executeTakeFirst();

export interface ScriptValues {
  script: Script;
  variantsTotal: number;
}

const columnsOf = ({ script, variantsTotal }: ScriptValues) => ({
  name: script.name,
  language: script.language,
  body: jsonb(script),
  roles_count: script.roles.length,
  lines_count: script.lines.length,
  variants_total: variantsTotal,
});

export const insertScript = (
  db: Conn,
  id: string,
  values: ScriptValues,
  createdBy: string,
): Promise<ScriptRow> =>
  db
    .insertInto('scripts')
    .values({ id, ...columnsOf(values), created_by: createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Replaces the script and bumps its version; runs keep the copy they started with. */
export const replaceScript = (
  db: Conn,
  id: string,
  values: ScriptValues,
  expectedVersion: number | undefined,
): Promise<ScriptRow | undefined> => {
  let q = db
    .updateTable('scripts')
    .set((eb) => ({ ...columnsOf(values), version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  return q.returningAll().executeTakeFirst();
};

export async function softDeleteScript(db: Conn, id: string): Promise<boolean> {
  const res = await db
    .updateTable('scripts')
    .set({ deleted_at: new Date() })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
