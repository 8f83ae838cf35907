import type { Kysely, Transaction } from 'kysely';
import type { Bus } from './bus';
import type { EventDef, PayloadOf } from './define';

export type Enqueue = <E extends EventDef>(event: E, payload: PayloadOf<E>) => Promise<void>;

/**
 * Runs `fn` in one transaction whose events go through the outbox: written with the data,
 * published after commit, never for a rollback.
 */
export async function unitOfWork<DB, T>(
  db: Kysely<DB>,
  bus: Bus,
  fn: (trx: Transaction<DB>, publish: Enqueue) => Promise<T>,
): Promise<T> {
  let enqueued = false;
  const result = await db.transaction().execute((trx) =>
    fn(trx, async (event, payload) => {
      await bus.enqueue(trx, event, payload);
      enqueued = true;
    }),
  );
  if (enqueued) bus.afterCommit();
  return result;
}
