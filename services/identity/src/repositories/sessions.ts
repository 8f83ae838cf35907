import type { Selectable } from '@switchyard/store';
import type { Executor, SessionsTable } from './db';
import { isUuid } from './users';

export type SessionRow = Selectable<SessionsTable>;

export interface TokenWithSession {
  token_hash: string;
  token_expires_at: Date;
  rotated_at: Date | null;
  session_id: string;
  user_id: string;
  session_expires_at: Date;
  revoked_at: Date | null;
}

/** Sessions and the refresh tokens of each session's family. */
export class SessionsRepository {
  constructor(private readonly db: Executor) {}

  in(trx: Executor): SessionsRepository {
    return new SessionsRepository(trx);
  }

  async create(session: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  async addToken(row: {
    token_hash: string;
    session_id: string;
    created_at: Date;
    expires_at: Date;
  }): Promise<void> {
    await this.db
      .insertInto('refresh_tokens')
      .values({ ...row, rotated_at: null })
      .execute();
  }

  byToken(tokenHash: string): Promise<TokenWithSession | undefined> {
    return this.db
      .selectFrom('refresh_tokens as t')
      .innerJoin('sessions as s', 's.id', 't.session_id')
      .select([
        't.token_hash',
        't.expires_at as token_expires_at',
        't.rotated_at',
        's.id as session_id',
        's.user_id',
        's.expires_at as session_expires_at',
        's.revoked_at',
      ])
      .where('t.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Marks the token rotated; false when another request rotated it first. */
  async markRotated(tokenHash: string, now: Date): Promise<boolean> {
    const row = await this.db
      .updateTable('refresh_tokens')
      .set({ rotated_at: now })
      .where('token_hash', '=', tokenHash)
      .where('rotated_at', 'is', null)
      .returning('token_hash')
      .executeTakeFirst();
    return row !== undefined;
  }

  async touch(id: string, now: Date, expiresAt: Date, userAgent: string | null): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_used_at: now, expires_at: expiresAt, ...(userAgent ? { user_agent: userAgent } : {}) })
      .where('id', '=', id)
      .execute();
  }

  byId(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** True while the session can still be used (not revoked, not expired). */
  async isLive(id: string, now: Date): Promise<boolean> {
    if (!isUuid(id)) return false;
    const row = await this.db
      .selectFrom('sessions')
      .select('id')
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row !== undefined;
  }

  listLive(userId: string, now: Date): Promise<SessionRow[]> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('last_used_at', 'desc')
      .limit(200)
      .execute();
  }

  /** Revokes one session; false when it was not live or not the user's. */
  async revoke(id: string, userId: string, reason: string, now: Date): Promise<boolean> {
    const row = await this.db
      .updateTable('sessions')
      .set({ revoked_at: now, revoked_reason: reason })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Revokes every live session of the user except `keep`; returns how many. */
  async revokeAll(userId: string, reason: string, now: Date, keep?: string): Promise<number> {
    let q = this.db
      .updateTable('sessions')
      .set({ revoked_at: now, revoked_reason: reason })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (keep) q = q.where('id', '!=', keep);
    const rows = await q.returning('id').execute();
    return rows.length;
  }

  /** Deletes sessions that ended long ago, with their tokens. */
  async purge(before: Date): Promise<number> {
    const rows = await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
      .returning('id')
      .execute();
    return rows.length;
  }
}
