import { MemoryBroker } from '@switchyard/bus';
import { MemoryCache } from '@switchyard/cache';
import type { Infra } from '@switchyard/kit';
import { openPostgres, type Database } from '@switchyard/store';
import { describeWith, uniqueName } from '@switchyard/testing';
import { catalogueSuite } from './suites/catalogue.suite';
import { searchSuite } from './suites/search.suite';

/**
 * Postgres for the service's database (one unique schema per suite, shared by every instance
 * the suite starts, dropped at the end); the in-process broker and memory cache for the rest.
 */
class PostgresTestInfra implements Infra {
  private readonly schema = uniqueName('films');
  private readonly broker = new MemoryBroker();
  private readonly memory = new MemoryCache();
  private readonly opened: Database<unknown>[] = [];

  constructor(private readonly url: string) {}

  async database(): Promise<Database<unknown>> {
    const db = await openPostgres({ url: this.url, schema: this.schema, max: 4 });
    this.opened.push(db);
    return db;
  }

  async transport() {
    return this.broker.connect();
  }

  cache() {
    return this.memory;
  }

  async close(): Promise<void> {
    for (const db of this.opened) await db.close().catch(() => undefined);
    const admin = await openPostgres({ url: this.url, schema: this.schema, max: 1 });
    await admin.exclusive((r) => r.run(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`));
    await admin.close();
    this.broker.close();
    await this.memory.close();
  }
}

describeWith('DATABASE_URL', 'films on Postgres', (url) => {
  const target = { name: 'Postgres', infra: () => new PostgresTestInfra(url) };
  catalogueSuite(target);
  searchSuite(target);
});
