import type { Enqueue } from '@switchyard/bus';
import type { Logger } from '@switchyard/kit';
import type { Transaction } from '@switchyard/store';
import type { Db, NotifierDB } from '../db';
import type { BurstPolicy } from '../domain/bursts';
import type { AlertType, Locale } from '../domain/types';
import type { NotifierMetrics } from '../metrics';
import type { BotDirectory } from '../ports/bots';
import type { NameDirectory } from '../ports/names';
import type { BotSender } from '../ports/sender';

/** Settings the use cases read (from the service's configuration). */
export interface NotifierSettings {
  timeZone: string;
  locale: Locale;
  chatLocales: Readonly<Record<string, Locale>>;
  html: boolean;
  burst: BurstPolicy;
  deliveryAttempts: number;
  muted: ReadonlySet<AlertType>;
  retentionDays: number;
}

/** What the use cases run on: storage, the bus through the outbox, the ports, the clock. */
export interface Infra {
  db: Db;
  transaction<T>(fn: (trx: Transaction<NotifierDB>, publish: Enqueue) => Promise<T>): Promise<T>;
  bots: BotDirectory;
  names: NameDirectory;
  sender: BotSender;
  settings: NotifierSettings;
  metrics: NotifierMetrics;
  log: Logger;
  clock: () => Date;
}
