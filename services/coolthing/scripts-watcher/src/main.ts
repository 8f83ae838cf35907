import { fileURLToPath } from 'node:url';
import { eventsExchange, scriptsExchange } from '@switchyard/contracts';
import { defineService } from '@switchyard/kit';
import { Counter } from 'prom-client';
import { HttpPlanReader } from './adapters/plans-http';
import { stallTask } from './app/stall-detector';
import { watcherEnv } from './config';
import type { WatcherDB } from './db';
import { plansSubscription, progressSubscription } from './events/subscriptions';
import { routes } from './routes';

/**
 * CoolThing `scripts-watcher`: the progress of every run from the workers' events, kept in
 * its own database; REST for status, per-chat and per-line progress, engagement and history;
 * ScriptStalled once per silence longer than the run's longest planned gap plus a grace.
 */
export const service = defineService({
  name: 'scripts-watcher',
  system: 'coolthing',
  title: 'CoolThing scripts watcher',
  description: 'Run progress, engagement and history from the workers’ events; detects stalled runs.',
  env: watcherEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  async setup(ctx) {
    const { config, log } = ctx;
    const db = ctx.db<WatcherDB>();
    await ctx.bus.transport.declareExchange(eventsExchange);
    await ctx.bus.transport.declareExchange(scriptsExchange);
    const stalls = new Counter({
      name: 'coolthing_script_runs_stalled_total',
      help: 'Runs found silent beyond their longest planned gap plus the grace',
      registers: [ctx.metrics.registry],
    });
    return {
      routes: routes({ db }),
      subscriptions: [
        plansSubscription({
          plans: new HttpPlanReader(ctx.clients.for('coolthing/scripts')),
          transaction: (fn) => ctx.transaction<WatcherDB, void>((trx) => fn(trx)),
        }),
        progressSubscription(),
      ],
      tasks: [
        stallTask({
          db,
          transaction: (fn) => ctx.transaction(fn),
          timeScale: config.TIME_SCALE,
          graceSeconds: config.STALL_GRACE_SECONDS,
          defaultGapSeconds: config.STALL_DEFAULT_GAP_SECONDS,
          checkMs: config.STALL_CHECK_SECONDS * 1000,
          log,
          stalls,
        }),
      ],
    };
  },
});
