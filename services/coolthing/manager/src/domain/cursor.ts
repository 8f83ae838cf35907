// Opaque cursors for keyset pagination: the last row's key, base64url-encoded.

export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

/** The key, or null when the cursor is not one of ours. */
export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[\w.:-]{1,120}$/.test(key) ? key : null;
}
