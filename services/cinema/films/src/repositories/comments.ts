import { sql } from '@switchyard/store';
import type { Db } from '../db';
import type { CommentRecord } from '../domain/comments';
import { displayNameOf } from '../domain/display-name';

interface CommentRow {
  id: number;
  film_id: number;
  parent_id: number | null;
  user_id: string;
  display_name: string | null;
  text: string;
  created_at: Date;
  edited_at: Date | null;
  hidden_at: Date | null;
  deleted_at: Date | null;
  deleted_by: 'author' | 'moderator' | null;
}

const COLUMNS = sql.raw(`c.id, c.film_id, c.parent_id, c.user_id, u.display_name, c.text, c.created_at,
  c.edited_at, c.hidden_at, c.deleted_at, c.deleted_by`);

const toRecord = (r: CommentRow): CommentRecord => ({
  id: Number(r.id),
  filmId: Number(r.film_id),
  parentId: r.parent_id === null ? null : Number(r.parent_id),
  userId: r.user_id,
  authorName: displayNameOf(r.user_id, r.display_name),
  text: r.text,
  createdAt: r.created_at,
  editedAt: r.edited_at,
  hiddenAt: r.hidden_at,
  deletedAt: r.deleted_at,
  deletedBy: r.deleted_by,
});

/** Top-level comments that are shown: not deleted, or deleted but still holding live replies. */
const SHOWN_THREAD = sql`c.parent_id IS NULL AND (c.deleted_at IS NULL OR EXISTS (
  SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.deleted_at IS NULL))`;

export const REPLIES_PER_THREAD = 50;

export interface ThreadRecord extends CommentRecord {
  replies: CommentRecord[];
  replyCount: number;
}

/**
 * A page of threads, newest first, with their first replies and author names: three
 * queries whatever the page size (the original ran one query per comment).
 */
export async function threadsPage(
  db: Db,
  filmId: number,
  limit: number,
  beforeId?: number,
): Promise<{ threads: ThreadRecord[]; more: boolean; total: number }> {
  const before = beforeId ? sql`AND c.id < ${beforeId}` : sql``;
  const top = await sql<CommentRow>`
    SELECT ${COLUMNS} FROM comments c LEFT JOIN film_users u ON u.user_id = c.user_id
    WHERE c.film_id = ${filmId} AND ${SHOWN_THREAD} ${before}
    ORDER BY c.id DESC LIMIT ${limit + 1}`.execute(db);
  const page = top.rows.slice(0, limit);
  const total = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM comments c WHERE c.film_id = ${filmId} AND ${SHOWN_THREAD}`.execute(db);
  const ids = page.map((r) => Number(r.id));
  const replies = ids.length
    ? (
        await sql<CommentRow & { position: number; reply_count: number }>`
          SELECT * FROM (
            SELECT ${COLUMNS},
              row_number() OVER (PARTITION BY c.parent_id ORDER BY c.id)::int AS position,
              count(*) OVER (PARTITION BY c.parent_id)::int AS reply_count
            FROM comments c LEFT JOIN film_users u ON u.user_id = c.user_id
            WHERE c.parent_id IN (${sql.join(ids)}) AND c.deleted_at IS NULL
          ) ranked
          WHERE position <= ${REPLIES_PER_THREAD}
          ORDER BY parent_id, id`.execute(db)
      ).rows
    : [];
  const byParent = new Map<number, { items: CommentRecord[]; count: number }>();
  for (const r of replies) {
    const key = Number(r.parent_id);
    const entry = byParent.get(key) ?? { items: [], count: r.reply_count };
    entry.items.push(toRecord(r));
    byParent.set(key, entry);
  }
  return {
    threads: page.map((r) => {
      const entry = byParent.get(Number(r.id));
      return { ...toRecord(r), replies: entry?.items ?? [], replyCount: entry?.count ?? 0 };
    }),
    more: top.rows.length > limit,
    total: total.rows[0]?.n ?? 0,
  };
}

/** Replies of one comment, oldest first, after a given reply id. */
export async function repliesPage(
  db: Db,
  parentId: number,
  limit: number,
  afterId?: number,
): Promise<{ replies: CommentRecord[]; more: boolean }> {
  const after = afterId ? sql`AND c.id > ${afterId}` : sql``;
  const { rows } = await sql<CommentRow>`
    SELECT ${COLUMNS} FROM comments c LEFT JOIN film_users u ON u.user_id = c.user_id
    WHERE c.parent_id = ${parentId} AND c.deleted_at IS NULL ${after}
    ORDER BY c.id LIMIT ${limit + 1}`.execute(db);
  return { replies: rows.slice(0, limit).map(toRecord), more: rows.length > limit };
}

export async function findComment(db: Db, id: number): Promise<CommentRecord | undefined> {
  const { rows } = await sql<CommentRow>`
    SELECT ${COLUMNS} FROM comments c LEFT JOIN film_users u ON u.user_id = c.user_id
    WHERE c.id = ${id}`.execute(db);
  return rows[0] ? toRecord(rows[0]) : undefined;
}

export async function insertComment(
  db: Db,
  c: { filmId: number; parentId: number | null; userId: string; text: string },
): Promise<number> {
  const row = await db
    .insertInto('comments')
    .values({ film_id: c.filmId, parent_id: c.parentId, user_id: c.userId, text: c.text })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function editComment(db: Db, id: number, text: string): Promise<void> {
  await db
    .updateTable('comments')
    .set({ text, edited_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function markDeleted(db: Db, id: number, by: 'author' | 'moderator'): Promise<void> {
  await db
    .updateTable('comments')
    .set({ deleted_at: sql<Date>`now()`, deleted_by: by })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .execute();
}

export async function setHidden(db: Db, id: number, hidden: boolean, by: string): Promise<void> {
  await db
    .updateTable('comments')
    .set(hidden ? { hidden_at: sql<Date>`now()`, hidden_by: by } : { hidden_at: null, hidden_by: null })
    .where('id', '=', id)
    .execute();
}
