import { sql, type Generated, type Kysely } from '@switchyard/store';
import type { AccountCredentials, TelegramAccount, TelegramGateway } from './port';

/**
 * The lease table, for the owning service's migrations (copy into `db/migrations/NNNN_*.sql`
 * or pass to `migrate`). One row per account session: who holds it and until when.
 */
export const SESSION_LEASE_MIGRATION_SQL = `CREATE TABLE IF NOT EXISTS telegram_session_leases (
  account_id text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL,
  acquired_at timestamptz NOT NULL DEFAULT now(),
  renewed_at timestamptz NOT NULL DEFAULT now()
);`;

export interface SessionLeaseTables {
  telegram_session_leases: {
    account_id: string;
    holder: string;
    expires_at: Date;
    acquired_at: Generated<Date>;
    renewed_at: Generated<Date>;
  };
}

/** Another live worker holds this account's session (Telegram would answer AUTH_KEY_DUPLICATED). */
export class SessionLeaseHeld extends Error {
  override name = 'SessionLeaseHeld';
  constructor(
    readonly accountId: string,
    readonly holder: string,
    readonly expiresAt: Date,
  ) {
    super(`the session of account ${accountId} is held by ${holder} until ${expiresAt.toISOString()}`);
  }
}

/** The lease ran out and someone else took it: stop using the session at once. */
export class SessionLeaseLost extends Error {
  override name = 'SessionLeaseLost';
  constructor(
    readonly accountId: string,
    readonly holder: string,
  ) {
    super(`worker ${holder} lost the session lease of account ${accountId}`);
  }
}

export interface LeaseOptions {
  /** How long a lease lives without renewal (default 30 s). Renew at a third of it. */
  ttlMs?: number;
}

/**
 * Leases over the service's own database (PGlite or Postgres). Time is the database's
 * `now()`, so workers on machines with skewed clocks still agree on who holds what.
 */
export class SessionLeases {
  readonly ttlMs: number;

  constructor(
    private readonly db: Kysely<SessionLeaseTables>,
    options: LeaseOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
  }

  private expiry() {
    return sql<Date>`now() + ${this.ttlMs} * interval '1 millisecond'`;
  }

  /** Takes the lease, or extends it for its holder; refuses with SessionLeaseHeld otherwise. */
  async acquire(accountId: string, holder: string): Promise<{ expiresAt: Date }> {
    const row = await this.db
      .insertInto('telegram_session_leases')
      .values({ account_id: accountId, holder, expires_at: this.expiry() })
      .onConflict((oc) =>
        oc
          .column('account_id')
          .doUpdateSet({ holder, expires_at: this.expiry(), acquired_at: sql`now()`, renewed_at: sql`now()` })
          .where((eb) =>
            eb.or([
              eb('telegram_session_leases.expires_at', '<', sql<Date>`now()`),
              eb('telegram_session_leases.holder', '=', holder),
            ]),
          ),
      )
      .returning(['expires_at'])
      .executeTakeFirst();
    if (row) return { expiresAt: new Date(row.expires_at) };
    const current = await this.current(accountId);
    throw new SessionLeaseHeld(accountId, current?.holder ?? 'unknown', current?.expiresAt ?? new Date());
  }

  /** Extends a held lease; SessionLeaseLost when it expired and another worker took it. */
  async renew(accountId: string, holder: string): Promise<{ expiresAt: Date }> {
    const row = await this.db
      .updateTable('telegram_session_leases')
      .set({ expires_at: this.expiry(), renewed_at: sql`now()` })
      .where('account_id', '=', accountId)
      .where('holder', '=', holder)
      .returning(['expires_at'])
      .executeTakeFirst();
    if (!row) throw new SessionLeaseLost(accountId, holder);
    return { expiresAt: new Date(row.expires_at) };
  }

  /** Gives the lease up (only its holder can). */
  async release(accountId: string, holder: string): Promise<void> {
    await this.db
      .deleteFrom('telegram_session_leases')
      .where('account_id', '=', accountId)
      .where('holder', '=', holder)
      .execute();
  }

  /** The live holder, or null when nobody holds an unexpired lease. */
  async current(accountId: string): Promise<{ holder: string; expiresAt: Date } | null> {
    const row = await this.db
      .selectFrom('telegram_session_leases')
      .select(['holder', 'expires_at', sql<boolean>`expires_at > now()`.as('live')])
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row && row.live ? { holder: row.holder, expiresAt: new Date(row.expires_at) } : null;
  }
}

export interface LeasedAccount {
  account: TelegramAccount;
  /** Stops renewing, closes the connection and releases the lease. */
  release(): Promise<void>;
}

/**
 * Connects an account only while this worker holds its session lease, and keeps renewing it.
 * If renewal fails (the lease was lost), the connection is closed and `onLost` is told.
 */
export async function connectWithLease(
  gateway: TelegramGateway,
  leases: SessionLeases,
  credentials: AccountCredentials,
  holder: string,
  onLost: (err: unknown) => void = () => undefined,
): Promise<LeasedAccount> {
  await leases.acquire(credentials.accountId, holder);
  let account: TelegramAccount;
  try {
    account = await gateway.connect(credentials);
  } catch (err) {
    await leases.release(credentials.accountId, holder).catch(() => undefined);
    throw err;
  }
  let stopped = false;
  const timer = setInterval(
    () => {
      leases.renew(credentials.accountId, holder).catch(async (err: unknown) => {
        if (stopped) return;
        stopped = true;
        clearInterval(timer);
        await account.close().catch(() => undefined);
        onLost(err);
      });
    },
    Math.max(50, Math.floor(leases.ttlMs / 3)),
  );
  timer.unref();
  return {
    account,
    release: async () => {
      if (!stopped) {
        stopped = true;
        clearInterval(timer);
        await account.close().catch(() => undefined);
      }
      await leases.release(credentials.accountId, holder);
    },
  };
}
