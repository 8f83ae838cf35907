import type { Insertable, Selectable, Updateable } from '@switchyard/store';
import type { Conn, OnboardingsTable } from '../db';
import { jsonb } from './common';

export type OnboardingRow = Selectable<OnboardingsTable>;

export async function insertOnboarding(db: Conn, row: Insertable<OnboardingsTable>): Promise<OnboardingRow> {
  return db
    .insertInto('onboardings')
    .values({ ...row, proxy: row.proxy ? jsonb(row.proxy) : null, profile: jsonb(row.profile) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findOnboarding = (db: Conn, id: string): Promise<OnboardingRow | undefined> =>
  db.selectFrom('onboardings').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Moves a sign-in on, only from the step it was read at: two requests racing on one sign-in
 * cannot both complete it.
 */
export async function advanceOnboarding(
  db: Conn,
  id: string,
  fromStep: OnboardingRow['step'],
  changes: Omit<Updateable<OnboardingsTable>, 'proxy' | 'profile'>,
): Promise<OnboardingRow | undefined> {
  return db
    .updateTable('onboardings')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .where('step', '=', fromStep)
    .returningAll()
    .executeTakeFirst();
}

/** Finished and expired sign-ins keep no secrets. */
export async function forgetOnboardingSecrets(db: Conn, now: Date): Promise<number> {
  const res = await db
    .updateTable('onboardings')
    .set({ state_sealed: null, api_hash_sealed: null, proxy_secret_sealed: null })
    .where((eb) => eb.or([eb('step', 'in', ['done', 'failed', 'cancelled']), eb('expires_at', '<', now)]))
    .where((eb) =>
      eb.or([
        eb('state_sealed', 'is not', null),
        eb('api_hash_sealed', 'is not', null),
        eb('proxy_secret_sealed', 'is not', null),
      ]),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
