import pg from 'pg';
import { describe } from 'vitest';
import { infraUrl } from '@switchyard/testing';
import { openPostgres, PgliteHost } from '@switchyard/store';
import { Connection } from 'rabbitmq-client';
import { MemoryBroker } from './memory';
import { RabbitTransport } from './rabbitmq';
import { busContract, deleteRabbitQueues } from './testing';

let host: Promise<PgliteHost> | undefined;
const broker = new MemoryBroker();
busContract('memory', () => ({
  connect: () => broker.connect(),
  database: async (schema) => (await (host ??= PgliteHost.open())).database(schema),
}));

const rabbitUrl = infraUrl('RABBITMQ_URL');
const dbUrl = infraUrl('DATABASE_URL');
if (rabbitUrl && dbUrl) {
  busContract('rabbitmq', () => ({
    connect: async () => {
      const t = new RabbitTransport({ url: rabbitUrl, connectionName: 'bus-contract' });
      await t.connect();
      return t;
    },
    database: (schema) => openPostgres({ url: dbUrl, schema, max: 3 }),
    cleanup: async (queues, exchanges) => {
      await deleteRabbitQueues(rabbitUrl, queues);
      const c = new Connection(rabbitUrl);
      for (const e of exchanges) await c.exchangeDelete({ exchange: e }).catch(() => {});
      await c.close();
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      const { rows } = await client.query(
        `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'inbox_%' OR nspname LIKE 'outbox_%'`,
      );
      for (const r of rows) await client.query(`DROP SCHEMA "${r.nspname}" CASCADE`);
      await client.end();
    },
  }));
} else {
  describe.skip('bus contract: rabbitmq (skipped: RABBITMQ_URL and DATABASE_URL needed)', () => {});
}
