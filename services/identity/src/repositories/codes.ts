import type { Selectable } from '@switchyard/store';
import type { CodePurpose } from '../domain/codes';
import type { Executor, VerificationCodesTable } from './db';

export type CodeRow = Selectable<VerificationCodesTable>;

export class CodesRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): CodesRepository {
    return new CodesRepository(trx);
  }

  /** Stores the user's live code for the purpose, replacing any earlier one. */
  async replace(row: CodeRow): Promise<void> {
    await this.db
      .insertInto('verification_codes')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['user_id', 'purpose']).doUpdateSet({
          code_hash: row.code_hash,
          new_email: row.new_email,
          attempts: 0,
          created_at: row.created_at,
          expires_at: row.expires_at,
        }),
      )
      .execute();
  }

  /** Counts one guess atomically and returns the code as it now stands. */
  consumeAttempt(userId: string, purpose: CodePurpose): Promise<CodeRow | undefined> {
    return this.db
      .updateTable('verification_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .returningAll()
      .executeTakeFirst();
  }

  async remove(userId: string, purpose: CodePurpose): Promise<void> {
    await this.db
      .deleteFrom('verification_codes')
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .execute();
  }

  async purgeExpired(now: Date): Promise<void> {
    await this.db.deleteFrom('verification_codes').where('expires_at', '<', now).execute();
  }
}
