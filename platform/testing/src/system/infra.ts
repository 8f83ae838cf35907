import { dropDatabase } from '@switchyard/store';
import { ownVirtualHost } from './broker';
import { infraUrl, uniqueName } from '../index';
import { ownRedisDatabase } from './redis';

export interface SystemInfra {
  /** RABBITMQ_URL, DATABASE_URL and REDIS_URL, each the system's own. */
  env: { RABBITMQ_URL: string; DATABASE_URL: string; REDIS_URL: string };
  /** Removes the database, the virtual host and the Redis keys. */
  drop(): Promise<void>;
}

/**
 * Infrastructure of its own for one whole system under test: a new Postgres database (the
 * runner creates it), a RabbitMQ virtual host and a Redis database. Services use fixed queue,
 * schema and key names, so two systems started side by side must not share any of them.
 * Call only where all three URLs are set (inside `describeWith`).
 */
export async function ownSystemInfra(prefix: string): Promise<SystemInfra> {
  const database = new URL(infraUrl('DATABASE_URL')!);
  database.pathname = `/${uniqueName(prefix.replaceAll('-', '_'))}`;
  const broker = await ownVirtualHost(infraUrl('RABBITMQ_URL')!, prefix);
  const redis = await ownRedisDatabase(infraUrl('REDIS_URL')!);
  return {
    env: { RABBITMQ_URL: broker.url, DATABASE_URL: database.href, REDIS_URL: redis.url },
    drop: async () => {
      await Promise.allSettled([dropDatabase(database.href), broker.drop(), redis.drop()]);
    },
  };
}
