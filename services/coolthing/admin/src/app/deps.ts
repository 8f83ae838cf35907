import type { Enqueue } from '@switchyard/bus';
import type { Logger } from '@switchyard/kit';
import type { Transaction } from '@switchyard/store';
import type { TelegramProvider } from '../adapters/telegram';
import type { AdminConfig } from '../config';
import type { AdminDB, Db } from '../db';
import type { AdminMetrics } from '../metrics';
import type { Secrets } from './secrets';

/** What the admin's use cases work with; the composition root builds it from the service context. */
export interface Infra {
  db: Db;
  /** Writes, their audit records and the events they publish, in one transaction (outbox). */
  transaction<T>(fn: (trx: Transaction<AdminDB>, publish: Enqueue) => Promise<T>): Promise<T>;
  secrets: Secrets;
  telegram: TelegramProvider;
  config: AdminConfig;
  log: Logger;
  clock: () => Date;
  metrics: AdminMetrics;
}
