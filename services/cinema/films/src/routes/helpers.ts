import { badRequest, isAdmin, notFound, type AppEnv } from '@switchyard/kit';
import type { Context } from 'hono';
import type { Db } from '../db';
import type { Viewer } from '../domain/comments';
import { CursorError, decodeCursor, encodeCursor, type Cursor } from '../domain/cursor';
import { filmExists, holdFilm } from '../repositories/catalogue';
import { touchUser } from '../repositories/users';

/** The caller as comment rules see them, or null for a guest. */
export function viewerOf(c: Context<AppEnv>): Viewer | null {
  const user = c.get('user');
  return user ? { id: user.id, admin: isAdmin(user) } : null;
}

/** 404 unless the film exists (the original let a foreign-key error become a 500). */
export async function requireFilm(db: Db, id: number): Promise<void> {
  if (!(await filmExists(db, id))) throw notFound('Film');
}

/**
 * Inside a write's transaction: the film must exist (and cannot be deleted until the write
 * commits, so a foreign key never fails), and the user gets their row.
 */
export async function prepareWrite(db: Db, filmId: number, userId: string): Promise<void> {
  if (!(await holdFilm(db, filmId))) throw notFound('Film');
  await touchUser(db, userId);
}

export function readCursor(raw: string | undefined, scope: string): Cursor | undefined {
  if (!raw) return undefined;
  try {
    return decodeCursor(raw, scope);
  } catch (err) {
    if (err instanceof CursorError)
      throw badRequest(err.message, [{ path: 'query.cursor', message: err.message }]);
    throw err;
  }
}

export function nextCursor(
  more: boolean,
  scope: string,
  last: { value: Cursor['value']; id: Cursor['id'] } | undefined,
) {
  return more && last ? encodeCursor({ scope, value: last.value, id: last.id }) : null;
}

export const iso = (d: Date | string) => new Date(d).toISOString();
