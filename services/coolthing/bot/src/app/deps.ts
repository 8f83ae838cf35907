import type { Bus, Enqueue } from '@switchyard/bus';
import type { Logger } from '@switchyard/kit';
import type { TelegramGateway } from '@switchyard/telegram';
import type { BotConfig } from '../config';
import type { Db, Trx } from '../db';
import type { OptOutMatcher } from '../domain/opt-out';
import type { BotMetrics } from '../metrics';
import type { AdminAccounts } from '../ports/admin';

/** What one account worker works with; the composition root builds it from the service context. */
export interface WorkerInfra {
  accountId: string;
  config: BotConfig;
  db: Db;
  /** Writes and the events they publish, in one transaction (outbox). */
  transaction<T>(fn: (trx: Trx, publish: Enqueue) => Promise<T>): Promise<T>;
  bus: Bus;
  admin: AdminAccounts;
  gateway: TelegramGateway;
  optOut: OptOutMatcher;
  log: Logger;
  clock: () => Date;
  rng: () => number;
  metrics: BotMetrics;
}
