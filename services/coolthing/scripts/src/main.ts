import { fileURLToPath } from 'node:url';
import { eventsExchange, scriptsExchange } from '@switchyard/contracts';
import { defineService } from '@switchyard/kit';
import { Counter } from 'prom-client';
import { HttpAdminRuns } from './adapters/admin-http';
import type { PlanDeps } from './app/plan-run';
import { scriptsEnv } from './config';
import type { ScriptsDB } from './db';
import { newActiveScriptSubscription } from './events/new-active-script';
import { routes } from './routes';

/**
 * CoolThing `scripts`: takes each activated script (NewActiveScript on `scripts_queue`),
 * checks accounts, permissions and the mapping again, builds the seeded run plan with the
 * script engine, stores it, and announces ScriptRunPlanned (or ScriptRunRejected). Workers
 * read the stored plan from its internal API.
 */
export const service = defineService({
  name: 'scripts',
  system: 'coolthing',
  title: 'CoolThing scripts',
  description:
    'Plans script runs: re-checks an activation, builds the seeded per-chat, per-line plan and hands it to the watchdog.',
  env: scriptsEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  async setup(ctx) {
    const db = ctx.db<ScriptsDB>();
    // The relay publishes without declaring; declare what this service publishes to.
    await ctx.bus.transport.declareExchange(scriptsExchange);
    await ctx.bus.transport.declareExchange(eventsExchange);
    const deps: PlanDeps = {
      db,
      transaction: (fn) => ctx.transaction(fn),
      admin: new HttpAdminRuns(ctx.clients.for('coolthing/admin')),
      now: () => Date.now(),
      startDelayMs: ctx.config.SCRIPTS_PLAN_START_DELAY_SECONDS * 1000,
      log: ctx.log,
      decided: new Counter({
        name: 'coolthing_script_runs_decided_total',
        help: 'Activations planned or rejected by the scripts service',
        labelNames: ['outcome'],
        registers: [ctx.metrics.registry],
      }),
    };
    return {
      routes: routes({ db }),
      subscriptions: [newActiveScriptSubscription(deps)],
    };
  },
});
