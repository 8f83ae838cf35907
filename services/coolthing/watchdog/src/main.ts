import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { eventsExchange } from '@switchyard/contracts';
import { defineService } from '@switchyard/kit';
import { baseWorkerEnv, driverFromConfig } from '@switchyard/workers';
import { Counter, Gauge } from 'prom-client';
import { HttpAdminAccounts } from './adapters/admin';
import { Supervisor } from './app/supervisor';
import { watchdogEnv } from './config';
import type { WatchdogDB } from './db';
import { workerEventsSubscription } from './events/subscriptions';
import { routes } from './routes';

/**
 * CoolThing `watchdog`: keeps one worker per parser and manager account that should run (the
 * admin's list), through a runtime driver (`process`, `docker`, `kubernetes`): health from
 * heartbeats and the process, restarts with backoff, banned accounts replaced from the
 * reserve pool (account.banned once), workers adopted again after its own restart.
 */
export const service = defineService({
  name: 'watchdog',
  system: 'coolthing',
  title: 'CoolThing watchdog',
  description: 'Starts, restarts and stops the parser and manager account workers; replaces banned accounts.',
  env: watchdogEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  async setup(ctx) {
    const { config, log } = ctx;
    const db = ctx.db<WatchdogDB>();
    await ctx.bus.transport.declareExchange(eventsExchange);
    const instance = config.WATCHDOG_INSTANCE_ID ?? config.POD_NAME ?? hostname();
    const driver = driverFromConfig(config, ctx.workers, instance, log);
    const started = new Counter({
      name: 'coolthing_account_workers_started_total',
      help: 'Account workers started (first start, restart, adopted after a watchdog restart)',
      labelNames: ['kind'],
      registers: [ctx.metrics.registry],
    });
    const exited = new Counter({
      name: 'coolthing_account_workers_exited_total',
      help: 'Account worker exits by what the watchdog made of them',
      labelNames: ['outcome'],
      registers: [ctx.metrics.registry],
    });
    const banned = new Counter({
      name: 'coolthing_account_workers_banned_total',
      help: 'Workers that ended because their account was banned',
      registers: [ctx.metrics.registry],
    });
    const running = new Gauge({
      name: 'coolthing_account_workers_running',
      help: 'Account workers this instance supervises',
      registers: [ctx.metrics.registry],
    });
    const supervisor = new Supervisor({
      db,
      transaction: (fn) => ctx.transaction(fn),
      driver,
      admin: new HttpAdminAccounts(() => ctx.clients.for('coolthing/admin', { timeoutMs: 5000 })),
      log,
      settings: {
        instance,
        roles: config.WATCHDOG_ROLES,
        services: { parser: config.WORKER_SERVICE_PARSER, manager: config.WORKER_SERVICE_MANAGER },
        heartbeatRoles: config.WORKER_HEARTBEAT_ROLES,
        silenceMs: config.WORKER_SILENCE_MS,
        pollMs: config.WATCHDOG_POLL_MS,
        tickMs: config.WATCHDOG_TICK_MS,
        ownerTtlMs: config.WATCHDOG_OWNER_TTL_MS,
        backoffMs: config.WORKER_RESTART_BACKOFF_MS,
        backoffMaxMs: config.WORKER_RESTART_BACKOFF_MAX_MS,
        healthyAfterMs: config.WORKER_HEALTHY_AFTER_MS,
        maxCrashes: config.WORKER_MAX_CRASHES,
        leaseRetryMs: config.WORKER_LEASE_RETRY_MS,
        floodRetryMs: config.WORKER_FLOOD_RETRY_MS,
        bannedDrainMs: config.WORKER_BANNED_DRAIN_MS,
        replaceRetryMs: config.WORKER_REPLACE_RETRY_MS,
        workerEnv: baseWorkerEnv(driver.kind, config),
      },
      metrics: {
        started: (kind) => started.inc({ kind }),
        exited: (outcome) => exited.inc({ outcome }),
        banned: () => banned.inc(),
        running: (n) => running.set(n),
      },
    });
    return {
      routes: routes({ db, supervisor }),
      subscriptions: [workerEventsSubscription()],
      tasks: [{ name: 'supervisor', run: (signal) => supervisor.run(signal) }],
      banner: () => [
        `watchdog: driver ${driver.kind}, roles ${config.WATCHDOG_ROLES.join(', ')}, instance ${instance}`,
      ],
      stop: () => supervisor.close(),
    };
  },
});
