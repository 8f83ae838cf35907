import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { eventsExchange, leadsExchange } from '@switchyard/contracts';
import { defineService } from '@switchyard/kit';
import { AdminCampaigns } from './adapters/admin-campaigns';
import { LlmChooser } from './adapters/llm';
import type { ManagerInfra } from './app/deps';
import { Jobs } from './app/jobs';
import { LeadOperations } from './app/operators';
import { checkManagerConfig, managerEnv } from './config';
import type { ManagerDB } from './db';
import { subscriptions } from './events/subscriptions';
import { ManagerMetrics } from './metrics';
import { routes } from './routes';

/**
 * CoolThing `manager` (Parser Mode): takes leads from `lead.*` (one queue shared by every
 * instance), checks the do-not-contact list and dedup, drafts offers with the campaign's LLM
 * profile (or the offline composer), holds them for review or sends them within caps, windows
 * and pacing through the manager accounts' workers, continues conversations, and keeps the
 * audit log of every outbound message.
 */
export const service = defineService({
  name: 'manager',
  system: 'coolthing',
  title: 'CoolThing manager',
  description:
    'Leads from the parser, LLM-drafted offers with a review queue, caps, send windows, warm-up and pacing, ' +
    'conversations with batching and operator takeover, the do-not-contact list and the audit log of outbound ' +
    'messages. Roles: viewer reads; operator approves, edits and rejects drafts, answers, sets statuses and adds ' +
    'to the do-not-contact list; admin and owner also remove entries from it.',
  env: managerEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  async setup(ctx) {
    const { config, log } = ctx;
    checkManagerConfig(config);
    // The outbox relay publishes to these.
    await ctx.bus.transport.declareExchange(leadsExchange);
    await ctx.bus.transport.declareExchange(eventsExchange);
    const jobs = new Jobs();
    const infra: ManagerInfra = {
      db: ctx.db<ManagerDB>(),
      transaction: (fn) => ctx.transaction(fn),
      publish: async (event, payload) => void (await ctx.bus.publish(event, payload)),
      campaigns: new AdminCampaigns(
        () => ctx.clients.for('coolthing/admin', { timeoutMs: 5000 }),
        config.MANAGER_CAMPAIGN_CACHE_SECONDS * 1000,
      ),
      llm: new LlmChooser(config.MANAGER_LLM, config.MANAGER_LLM_TIMEOUT_MS),
      clock: () => new Date(),
      rng: Math.random,
      config,
      log,
      metrics: new ManagerMetrics(ctx.metrics.registry),
      instance: `${hostname().slice(0, 40)}-${process.pid}-${randomBytes(3).toString('hex')}`,
      nudge: () => jobs.nudge(),
    };
    const leads = new LeadOperations(infra);
    return {
      routes: routes({ ...infra, leads }),
      subscriptions: subscriptions(infra),
      tasks: [jobs.task(infra)],
      banner: () => [
        `coolthing manager: LLM ${config.MANAGER_LLM === 'offline' ? 'offline composer' : 'per campaign'}`,
      ],
    };
  },
});
