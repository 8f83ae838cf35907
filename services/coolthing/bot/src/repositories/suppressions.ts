import type { Conn } from '../db';

export async function isSuppressed(
  db: Conn,
  user: { userId: string; username: string | null },
): Promise<boolean> {
  const row = await db
    .selectFrom('suppressions')
    .select('id')
    .where((eb) =>
      user.username
        ? eb.or([
            eb('user_id', '=', user.userId),
            eb(eb.fn('lower', ['username']), '=', user.username.toLowerCase()),
          ])
        : eb('user_id', '=', user.userId),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function suppress(
  db: Conn,
  entry: { id: string; userId: string | null; username: string | null; source: string },
): Promise<void> {
  await db
    .insertInto('suppressions')
    .values({ id: entry.id, user_id: entry.userId, username: entry.username, source: entry.source })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function unsuppress(db: Conn, id: string): Promise<void> {
  await db.deleteFrom('suppressions').where('id', '=', id).execute();
}

/** The id of a user's own opt-out entry (one per user, whoever detects it). */
export const optOutId = (userId: string) => `opt_out:${userId}`;
