import type { Kysely } from '@switchyard/store';
import { SessionLeases, type SessionLeaseTables } from '@switchyard/telegram/lease';
import type { Db } from '../db';

/** Session leases over the admin's own database (the lease table is one of its tables). */
export const sessionLeases = (db: Db, ttlMs?: number): SessionLeases =>
  // Kysely is invariant in its table set; AdminDB includes SessionLeaseTables.
  new SessionLeases(db as unknown as Kysely<SessionLeaseTables>, ttlMs === undefined ? {} : { ttlMs });
