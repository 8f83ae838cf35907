/**
 * Keyset cursors: the sort value and id of the last row of a page, plus the ordering they
 * belong to, as opaque base64url. A cursor made for one ordering is refused by another.
 */
export interface Cursor {
  /** What the cursor belongs to, for example `title:asc` or `favourites`. */
  scope: string;
  value: string | number | null;
  id: number | string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.scope, cursor.value, cursor.id]), 'utf8').toString('base64url');
}

export class CursorError extends Error {
  override name = 'CursorError';
}

export function decodeCursor(raw: string, scope: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('The cursor is not valid.');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw new CursorError('The cursor is not valid.');
  const [s, value, id] = parsed as unknown[];
  if (s !== scope)
    throw new CursorError('The cursor belongs to another ordering; start from the first page.');
  const okValue =
    value === null ||
    (typeof value === 'string' && value.length <= 400) ||
    (typeof value === 'number' && Number.isFinite(value));
  const okId =
    (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) ||
    (typeof id === 'string' && id.length > 0 && id.length <= 64);
  if (!okValue || !okId) throw new CursorError('The cursor is not valid.');
  return { scope, value: value as Cursor['value'], id: id as Cursor['id'] };
}
