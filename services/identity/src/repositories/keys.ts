import type { Selectable } from '@switchyard/store';
import type { Executor, SigningKeysTable } from './db';

export type SigningKeyRow = Selectable<SigningKeysTable>;

export class SigningKeysRepository {
  constructor(private readonly db: Executor) {}

  all(): Promise<SigningKeyRow[]> {
    return this.db.selectFrom('signing_keys').selectAll().orderBy('activates_at').execute();
  }

  async insert(row: SigningKeyRow): Promise<void> {
    await this.db.insertInto('signing_keys').values(row).execute();
  }

  async remove(kids: string[]): Promise<void> {
    if (kids.length === 0) return;
    await this.db.deleteFrom('signing_keys').where('kid', 'in', kids).execute();
  }
}
