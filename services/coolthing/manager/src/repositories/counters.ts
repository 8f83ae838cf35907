import { sql } from '@switchyard/store';
import type { Conn } from '../db';
import type { CounterClaim } from '../domain/caps';

/**
 * Takes one unit of each counter, all or none. Each increment happens only while the counter
 * is under its limit (the upsert's row lock serialises concurrent instances). Returns null when
 * all were taken, else the first counter that was full (the units taken before it are given back).
 */
export async function takeCounters(db: Conn, claims: CounterClaim[]): Promise<CounterClaim | null> {
  const taken: CounterClaim[] = [];
  for (const claim of claims) {
    const ok =
      claim.limit > 0 &&
      (await db
        .insertInto('send_counters')
        .values({ scope: claim.scope, bucket: claim.bucket, used: 1 })
        .onConflict((oc) =>
          oc
            .columns(['scope', 'bucket'])
            .doUpdateSet({ used: sql`send_counters.used + 1` })
            .where('send_counters.used', '<', claim.limit),
        )
        .returning('used')
        .executeTakeFirst()) !== undefined;
    if (!ok) {
      await giveBack(db, taken);
      return claim;
    }
    taken.push(claim);
  }
  return null;
}

export async function giveBack(db: Conn, claims: CounterClaim[]): Promise<void> {
  for (const c of claims)
    await db
      .updateTable('send_counters')
      .set({ used: sql`greatest(used - 1, 0)` })
      .where('scope', '=', c.scope)
      .where('bucket', '=', c.bucket)
      .execute();
}

/** Units used of a counter in a period. */
export async function used(db: Conn, scope: string, bucket: string): Promise<number> {
  const row = await db
    .selectFrom('send_counters')
    .select('used')
    .where('scope', '=', scope)
    .where('bucket', '=', bucket)
    .executeTakeFirst();
  return row?.used ?? 0;
}
