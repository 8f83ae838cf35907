import { sql, type Selectable } from '@switchyard/store';
import type { Role, UserStatus } from '../domain/user';
import type { Executor, UsersTable } from './db';

export type UserRow = Selectable<UsersTable>;

export interface UserFilter {
  q?: string;
  status?: UserStatus;
  role?: Role;
  limit: number;
  offset: number;
}

export const isUuid = (s: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Escapes LIKE wildcards so a search for `50%_off` means exactly that. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export class UsersRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): UsersRepository {
    return new UsersRepository(trx);
  }

  async byId(id: string): Promise<UserRow | undefined> {
    if (!isUuid(id)) return undefined;
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  async insert(row: UserRow): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  async update(
    id: string,
    patch: Partial<Omit<UserRow, 'id' | 'created_at'>>,
    now: Date,
  ): Promise<UserRow | undefined> {
    return this.db
      .updateTable('users')
      .set({ ...patch, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async countOwners(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(sql<boolean>`'owner' = ANY(roles)`)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async anyOwner(): Promise<boolean> {
    return (await this.countOwners()) > 0;
  }

  async list(filter: UserFilter): Promise<{ items: UserRow[]; total: number }> {
    let query = this.db.selectFrom('users');
    if (filter.q) {
      const pattern = `%${likeEscape(filter.q.toLowerCase())}%`;
      query = query.where((eb) =>
        eb.or([
          eb('email', 'like', pattern),
          eb(sql`lower(first_name)`, 'like', pattern),
          eb(sql`lower(last_name)`, 'like', pattern),
        ]),
      );
    }
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.role) query = query.where(sql<boolean>`${filter.role} = ANY(roles)`);
    const [items, count] = await Promise.all([
      query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  }
}
