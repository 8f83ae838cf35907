/** Keyset cursor of the alert log: the creation time and id of the last alert of a page, opaque. */
export interface AlertCursor {
  createdAt: Date;
  id: string;
}

export class CursorError extends Error {
  override name = 'CursorError';
}

export const encodeCursor = (c: AlertCursor): string =>
  Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id]), 'utf8').toString('base64url');

export function decodeCursor(raw: string): AlertCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError('The cursor is not valid.');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new CursorError('The cursor is not valid.');
  const [at, id] = parsed as unknown[];
  const createdAt = typeof at === 'string' ? new Date(at) : new Date(NaN);
  if (Number.isNaN(createdAt.getTime()) || typeof id !== 'string' || id.length === 0 || id.length > 64)
    throw new CursorError('The cursor is not valid.');
  return { createdAt, id };
}
