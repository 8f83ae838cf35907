import type { Enqueue, EventDef, PayloadOf } from '@switchyard/bus';
import type { Logger } from '@switchyard/kit';
import type { LlmPort } from '@switchyard/llm';
import type { ManagerConfig } from '../config';
import type { Db, Trx } from '../db';
import type { Rng } from '../domain/pacing';
import type { Campaign, CampaignSource } from '../ports/campaigns';
import type { ManagerMetrics } from '../metrics';

/** What the manager's use cases work with; the composition root builds it from the service context. */
export interface ManagerInfra {
  db: Db;
  /** Writes and the events they publish, in one transaction (outbox). */
  transaction<T>(fn: (trx: Trx, publish: Enqueue) => Promise<T>): Promise<T>;
  /** Publishes at once (confirmed), for events that repeat what is already stored. */
  publish<E extends EventDef>(event: E, payload: PayloadOf<E>): Promise<void>;
  campaigns: CampaignSource;
  llm: { for(campaign: Campaign): LlmPort };
  clock: () => Date;
  rng: Rng;
  config: ManagerConfig;
  log: Logger;
  metrics: ManagerMetrics;
  /** This instance's name in claims (`handled_by`, `claimed_by`). */
  instance: string;
  /** Wakes the background jobs; only after the new work has committed (they must see it). */
  nudge(): void;
}
