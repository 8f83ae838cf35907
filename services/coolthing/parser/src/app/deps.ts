import type { Bus, Enqueue } from '@switchyard/bus';
import type { Logger } from '@switchyard/kit';
import type { Transaction } from '@switchyard/store';
import type { TelegramGateway } from '@switchyard/telegram';
import type { ParserConfig } from '../config';
import type { Db, ParserDB } from '../db';
import type { ParserMetrics } from '../metrics';
import type { ParserAdmin } from '../ports/admin';

/** What one parser worker works with; the composition root builds it from the service context. */
export interface ParserInfra {
  accountId: string;
  config: ParserConfig;
  db: Db;
  /** Writes and the events they publish, in one transaction (outbox). */
  transaction<T>(fn: (trx: Transaction<ParserDB>, publish: Enqueue) => Promise<T>): Promise<T>;
  bus: Bus;
  admin: ParserAdmin;
  gateway: TelegramGateway;
  log: Logger;
  clock: () => Date;
  metrics: ParserMetrics;
}
