import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { eventsExchange, scriptsExchange } from '@switchyard/contracts';
import { defineService } from '@switchyard/kit';
import { baseWorkerEnv, driverFromConfig } from '@switchyard/workers';
import { Counter, Gauge } from 'prom-client';
import { Supervisor } from './app/supervisor';
import { watchdogEnv } from './config';
import type { WatchdogDB } from './db';
import { progressSubscription, scriptsSubscription } from './events/subscriptions';
import { routes } from './routes';

/**
 * CoolThing `scripts-watchdog`: one scripts-worker per planned run, through a runtime driver
 * (`process`, `docker`, `kubernetes`); a concurrency limit with a queue in the database;
 * crashed workers restarted with backoff, then the run failed (ScriptCrashed); finished
 * workers removed; runs taken over again after its own restart.
 */
export const service = defineService({
  name: 'scripts-watchdog',
  system: 'coolthing',
  title: 'CoolThing scripts watchdog',
  description: 'Starts, restarts and removes the workers that play script runs.',
  env: watchdogEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  async setup(ctx) {
    const { config, log } = ctx;
    const db = ctx.db<WatchdogDB>();
    await ctx.bus.transport.declareExchange(scriptsExchange);
    await ctx.bus.transport.declareExchange(eventsExchange);
    const instance = config.WATCHDOG_INSTANCE_ID ?? config.POD_NAME ?? hostname();
    const driver = driverFromConfig(config, ctx.workers, instance, log);
    const workerEnv = baseWorkerEnv(driver.kind, config);
    const started = new Counter({
      name: 'coolthing_script_workers_started_total',
      help: 'Script workers started (first start, restart after a crash, resume after a watchdog restart)',
      labelNames: ['kind'],
      registers: [ctx.metrics.registry],
    });
    const failed = new Counter({
      name: 'coolthing_script_runs_crashed_total',
      help: 'Runs failed because their worker kept crashing',
      registers: [ctx.metrics.registry],
    });
    const running = new Gauge({
      name: 'coolthing_script_workers_running',
      help: 'Script workers this instance supervises',
      registers: [ctx.metrics.registry],
    });
    const supervisor = new Supervisor({
      db,
      transaction: (fn) => ctx.transaction(fn),
      driver,
      log,
      settings: {
        instance,
        concurrency: config.WORKER_CONCURRENCY,
        maxRestarts: config.WORKER_MAX_RESTARTS,
        backoffMs: config.WORKER_RESTART_BACKOFF_MS,
        backoffMaxMs: config.WORKER_RESTART_BACKOFF_MAX_MS,
        finishGraceMs: config.WORKER_FINISH_GRACE_MS,
        stopGraceMs: config.WORKER_STOP_GRACE_MS,
        tickMs: config.WATCHDOG_TICK_MS,
        ownerTtlMs: config.WATCHDOG_OWNER_TTL_MS,
        workerEnv,
      },
      metrics: {
        started: (kind) => started.inc({ kind }),
        failed: () => failed.inc(),
        running: (n) => running.set(n),
      },
    });
    const nudge = () => supervisor.nudge();
    return {
      routes: routes({ db, supervisor }),
      subscriptions: [scriptsSubscription(nudge), progressSubscription(nudge)],
      tasks: [{ name: 'supervisor', run: (signal) => supervisor.run(signal) }],
      banner: () => [
        `scripts watchdog: driver ${driver.kind}, ${config.WORKER_CONCURRENCY} runs at once, instance ${instance}`,
      ],
      stop: () => supervisor.close(),
    };
  },
});
