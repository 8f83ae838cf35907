import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWith, sleep, uniqueName } from '@switchyard/testing';
import { migrate, openPostgres, PgliteHost, sql, type Database } from '@switchyard/store';
import {
  connectWithLease,
  SESSION_LEASE_MIGRATION_SQL,
  SessionLeaseHeld,
  SessionLeaseLost,
  SessionLeases,
  type SessionLeaseTables,
} from './lease';
import type { TelegramAccount, TelegramGateway } from './port';

/** A gateway that only counts live connections: the lease is what is under test. */
function countingGateway() {
  const live = new Set<string>();
  let connects = 0;
  const gateway = {
    kind: 'sandbox',
    connect: async (c: { accountId: string }) => {
      connects++;
      live.add(c.accountId);
      return {
        accountId: c.accountId,
        close: async () => void live.delete(c.accountId),
      } as unknown as TelegramAccount;
    },
  } as unknown as TelegramGateway;
  return { gateway, live, connects: () => connects };
}

function leaseSuite(
  name: string,
  open: () => Promise<{ db: Database<SessionLeaseTables>; close(): Promise<void> }>,
) {
  describe(`session lease: ${name}`, () => {
    let db: Database<SessionLeaseTables>;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ db, close } = await open());
      await migrate(db, [{ name: '0001_telegram_session_leases', sql: SESSION_LEASE_MIGRATION_SQL }]);
    });
    afterAll(async () => close());

    it('two workers, one session: only one connects', async () => {
      const leases = new SessionLeases(db.db, { ttlMs: 5_000 });
      const { gateway, connects, live } = countingGateway();
      const credentials = { accountId: uniqueName('acc'), session: 'secret-session' };
      const results = await Promise.allSettled([
        connectWithLease(gateway, leases, credentials, 'worker-a'),
        connectWithLease(gateway, leases, credentials, 'worker-b'),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(SessionLeaseHeld);
      expect(connects()).toBe(1);
      expect(live.size).toBe(1);
      const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof connectWithLease>>>).value;
      const holder = (await leases.current(credentials.accountId))!.holder;
      expect(['worker-a', 'worker-b']).toContain(holder);
      expect((lost[0]!.reason as SessionLeaseHeld).holder).toBe(holder);
      await winner.release();
      expect(live.size).toBe(0);
      const other = holder === 'worker-a' ? 'worker-b' : 'worker-a';
      const second = await connectWithLease(gateway, leases, credentials, other);
      expect(connects()).toBe(2);
      await second.release();
    });

    it('out of many concurrent workers exactly one wins', async () => {
      const leases = new SessionLeases(db.db, { ttlMs: 5_000 });
      const accountId = uniqueName('acc');
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => leases.acquire(accountId, `worker-${i}`)),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('renews for its holder, hands over after expiry, and the old holder learns it lost', async () => {
      const leases = new SessionLeases(db.db, { ttlMs: 300 });
      const accountId = uniqueName('acc');
      const first = await leases.acquire(accountId, 'a');
      const renewed = await leases.renew(accountId, 'a');
      expect(renewed.expiresAt.getTime()).toBeGreaterThanOrEqual(first.expiresAt.getTime());
      await expect(leases.acquire(accountId, 'b')).rejects.toBeInstanceOf(SessionLeaseHeld);
      await sleep(400);
      expect(await leases.current(accountId)).toBeNull();
      await leases.acquire(accountId, 'b');
      await expect(leases.renew(accountId, 'a')).rejects.toBeInstanceOf(SessionLeaseLost);
      await leases.release(accountId, 'a');
      expect((await leases.current(accountId))?.holder).toBe('b');
    });

    it('a worker whose lease was taken over closes its connection', async () => {
      const leases = new SessionLeases(db.db, { ttlMs: 150 });
      const { gateway, live } = countingGateway();
      const credentials = { accountId: uniqueName('acc'), session: 's' };
      let lost: unknown;
      const held = await connectWithLease(gateway, leases, credentials, 'a', (err) => (lost = err));
      // Simulate a stalled worker: another takes the row over directly.
      await db.db
        .updateTable('telegram_session_leases')
        .set({ holder: 'b' })
        .where('account_id', '=', credentials.accountId)
        .execute();
      await sleep(300);
      expect(lost).toBeInstanceOf(SessionLeaseLost);
      expect(live.size).toBe(0);
      await held.release();
    });
  });
}

let host: PgliteHost | undefined;
leaseSuite('pglite', async () => {
  host ??= await PgliteHost.open();
  return {
    db: await host.database<SessionLeaseTables>(uniqueName('lease')),
    close: async () => host?.close(),
  };
});

describeWith('DATABASE_URL', 'session lease: postgres', (url) => {
  const schema = uniqueName('lease');
  leaseSuite('postgres', async () => {
    const db = await openPostgres<SessionLeaseTables>({ url, schema, max: 10 });
    return {
      db,
      close: async () => {
        await sql.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).execute(db.db);
        await db.close();
      },
    };
  });
});
