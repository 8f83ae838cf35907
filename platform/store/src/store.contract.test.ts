import pg from 'pg';
import { describe } from 'vitest';
import { infraUrl } from '@switchyard/testing';
import { PgliteHost } from './pglite';
import { openPostgres } from './postgres';
import { storeContract } from './testing';

describe('store adapters', () => {
  let host: Promise<PgliteHost> | undefined;
  storeContract('pglite', () => ({
    open: async (schema) => (await (host ??= PgliteHost.open())).database(schema),
    close: async () => (await host)?.close(),
  }));

  const url = infraUrl('DATABASE_URL');
  if (!url) {
    describe.skip('store contract: postgres (skipped: DATABASE_URL not set)', () => {});
    return;
  }
  storeContract('postgres', () => ({
    open: (schema) => openPostgres({ url, schema, max: 5 }),
    drop: async (schema) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  }));
});
