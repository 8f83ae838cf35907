import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, deferred, sleep } from '@switchyard/testing';
import { isUniqueViolation, type Database } from '../database';
import { migrate, type Migration } from '../migrate';

/** Opens a database for a fresh schema; `drop` removes it afterwards. */
export interface StoreFixture {
  open(schema: string): Promise<Database<any>>;
  drop?(schema: string): Promise<void>;
  close?(): Promise<void>;
}

const notes: Migration[] = [
  {
    name: '0001_notes',
    sql: `CREATE TABLE notes (
      id bigserial PRIMARY KEY,
      title text NOT NULL UNIQUE,
      body jsonb NOT NULL DEFAULT '{}'::jsonb,
      price numeric(12,2),
      done boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );`,
  },
  {
    name: '0002_counter',
    sql: `CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL); INSERT INTO counter VALUES (1, 0);`,
  },
];

/** The behaviour every store adapter must show; run once per adapter. */
export function storeContract(adapter: string, fixture: () => StoreFixture): void {
  describe(`store contract: ${adapter}`, () => {
    let fx: StoreFixture;
    const schemas: string[] = [];
    const opened: Database<any>[] = [];
    const open = async () => {
      const schema = uniqueName('store');
      schemas.push(schema);
      const db = await fx.open(schema);
      opened.push(db);
      return db;
    };

    beforeAll(() => {
      fx = fixture();
    });
    afterAll(async () => {
      for (const d of opened) await d.close();
      for (const s of schemas) await fx.drop?.(s);
      await fx.close?.();
    });

    it('applies migrations once, in order, and records them', async () => {
      const db = await open();
      expect(await migrate(db, notes)).toEqual(['0001_notes', '0002_counter']);
      expect(await migrate(db, notes)).toEqual([]);
      const more = [...notes, { name: '0003_tag', sql: 'ALTER TABLE notes ADD COLUMN tag text' }];
      expect(await migrate(db, more)).toEqual(['0003_tag']);
      const rows = await db.db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
      expect(rows.map((r: { name: string }) => r.name)).toEqual(['0001_notes', '0002_counter', '0003_tag']);
    });

    it('rolls back a failing migration entirely and names it', async () => {
      const db = await open();
      const bad = [{ name: '0001_bad', sql: 'CREATE TABLE a (id int); CREATE TABLE a (id int);' }];
      await expect(migrate(db, bad)).rejects.toThrow(/0001_bad/);
      const tables = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables
        WHERE table_schema = ${db.schema} AND table_name = 'a'`.execute(db.db);
      expect(tables.rows[0]!.n).toBe(0);
    });

    it('keeps each service in its own schema', async () => {
      const a = await open();
      const b = await open();
      await migrate(a, notes);
      await migrate(b, notes);
      await a.db.insertInto('notes').values({ title: 'only in a' }).execute();
      expect(await b.db.selectFrom('notes').selectAll().execute()).toEqual([]);
      expect(await a.db.selectFrom('notes').selectAll().execute()).toHaveLength(1);
    });

    it('returns the same value types on every adapter', async () => {
      const db = await open();
      await migrate(db, notes);
      const row = await db.db
        .insertInto('notes')
        .values({ title: 'typed', body: JSON.stringify({ a: [1, 2] }), price: '12.50', done: true })
        .returningAll()
        .executeTakeFirstOrThrow();
      expect(typeof row.id).toBe('number');
      expect(row.body).toEqual({ a: [1, 2] });
      expect(row.price).toBe('12.50');
      expect(row.done).toBe(true);
      expect(row.created_at).toBeInstanceOf(Date);
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM notes`.execute(db.db);
      expect(count.rows[0]!.n).toBe(1);
    });

    it('reports unique violations with SQLSTATE 23505', async () => {
      const db = await open();
      await migrate(db, notes);
      await db.db.insertInto('notes').values({ title: 'dup' }).execute();
      const err = await db.db
        .insertInto('notes')
        .values({ title: 'dup' })
        .execute()
        .catch((e: unknown) => e);
      expect(isUniqueViolation(err)).toBe(true);
    });

    it('rolls back a transaction that throws', async () => {
      const db = await open();
      await migrate(db, notes);
      await expect(
        db.db.transaction().execute(async (trx: any) => {
          await trx.insertInto('notes').values({ title: 'never' }).execute();
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.db.selectFrom('notes').selectAll().execute()).toEqual([]);
    });

    it('keeps concurrent read-modify-write transactions correct', async () => {
      const db = await open();
      await migrate(db, notes);
      await Promise.all(
        Array.from({ length: 20 }, () =>
          db.db.transaction().execute(async (trx: any) => {
            const { n } = await trx
              .selectFrom('counter')
              .select('n')
              .where('id', '=', 1)
              .forUpdate()
              .executeTakeFirstOrThrow();
            await sleep(1);
            await trx
              .updateTable('counter')
              .set({ n: n + 1 })
              .where('id', '=', 1)
              .execute();
          }),
        ),
      );
      const { n } = await db.db.selectFrom('counter').select('n').executeTakeFirstOrThrow();
      expect(n).toBe(20);
    });

    it("does not interleave two services' transactions", async () => {
      const a = await open();
      const b = await open();
      await migrate(a, notes);
      await migrate(b, notes);
      const inside = deferred();
      const order: string[] = [];
      const trxA = a.db.transaction().execute(async (trx: any) => {
        order.push('a:begin');
        await trx.insertInto('notes').values({ title: 'a1' }).execute();
        inside.resolve();
        await sleep(50);
        await trx.insertInto('notes').values({ title: 'a2' }).execute();
        order.push('a:commit');
      });
      await inside.promise;
      const readB = b.db
        .selectFrom('notes')
        .selectAll()
        .execute()
        .then((rows: unknown[]) => order.push(`b:read ${rows.length}`));
      await Promise.all([trxA, readB]);
      // On a shared single-session database B must wait; on a server B reads its own empty schema.
      if (a.kind === 'pglite') expect(order).toEqual(['a:begin', 'a:commit', 'b:read 0']);
      else expect(order).toContain('b:read 0');
      expect(await b.db.selectFrom('notes').selectAll().execute()).toEqual([]);
      expect(await a.db.selectFrom('notes').selectAll().execute()).toHaveLength(2);
    });
  });
}
