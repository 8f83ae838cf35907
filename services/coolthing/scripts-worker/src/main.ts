import { fileURLToPath } from 'node:url';
import { eventsExchange } from '@switchyard/contracts';
import { defineService, sleep } from '@switchyard/kit';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import { MtcuteTelegramGateway } from '@switchyard/telegram/mtcute';
import type { TelegramGateway } from '@switchyard/telegram';
import { Counter } from 'prom-client';
import { HttpAdminAccounts, HttpControlSource, HttpPlanSource } from './adapters/http';
import { RunPlayer } from './app/player';
import { checkWorkerConfig, sandboxUrl, workerEnv, type WorkerConfig } from './config';
import type { WorkerDB } from './db';
import { ProgressRepository } from './repositories/progress';

function gatewayFrom(config: WorkerConfig, log: { warn(obj: object, msg: string): void }): TelegramGateway {
  if (config.TELEGRAM_MODE === 'mtproto')
    return new MtcuteTelegramGateway({
      // Accounts come with their own application credentials from admin; these are the fallback.
      apiId: config.TELEGRAM_API_ID ?? 0,
      apiHash: config.TELEGRAM_API_HASH ?? '',
      floodSleepThresholdSeconds: 0,
      logger: log,
    });
  return new SandboxTelegramGateway({ baseUrl: sandboxUrl(config)!, logger: log });
}

export interface WorkerOptions {
  /** The Telegram port; from TELEGRAM_MODE by default (tests wrap it to watch what the worker does). */
  gateway?: (config: WorkerConfig, log: { warn(obj: object, msg: string): void }) => TelegramGateway;
}

/**
 * CoolThing `scripts-worker`: started by the scripts watchdog for one run (RUN_ID), plays it
 * to the end and exits. Never started by the runners (registry `onDemand`).
 */
export const createWorkerService = (options: WorkerOptions = {}) =>
  defineService({
    name: 'scripts-worker',
    system: 'coolthing',
    title: 'CoolThing scripts worker',
    description:
      'Plays one script run in Telegram chats; after a restart it checks the chats for lines caught mid-send and resumes, each line sent once.',
    env: workerEnv,
    migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
    async setup(ctx) {
      const { config, log } = ctx;
      checkWorkerConfig(config);
      await ctx.bus.transport.declareExchange(eventsExchange);
      const gateway = (options.gateway ?? gatewayFrom)(config, log);
      const repo = new ProgressRepository(ctx.db<WorkerDB>(), (fn) => ctx.transaction(fn), config.RUN_ID);
      const sent = new Counter({
        name: 'coolthing_script_worker_lines_sent_total',
        help: 'Script lines sent',
        registers: [ctx.metrics.registry],
      });
      const skipped = new Counter({
        name: 'coolthing_script_worker_chats_skipped_total',
        help: 'Chats skipped, by reason',
        labelNames: ['reason'],
        registers: [ctx.metrics.registry],
      });
      const waits = new Counter({
        name: 'coolthing_script_worker_waits_total',
        help: 'FloodWaits and slow modes waited out',
        labelNames: ['reason'],
        registers: [ctx.metrics.registry],
      });
      const checked = new Counter({
        name: 'coolthing_script_worker_sends_checked_total',
        help: 'Sends without a recorded outcome (worker crash, no answer) checked against their chat: found, absent, unchecked',
        labelNames: ['outcome'],
        registers: [ctx.metrics.registry],
      });
      const player = new RunPlayer({
        runId: config.RUN_ID,
        attempt: config.RUN_ATTEMPT,
        settings: {
          timeScale: config.TIME_SCALE,
          engagementWindowSeconds: config.ENGAGEMENT_WINDOW_SECONDS,
          leaseTtlSeconds: config.LEASE_TTL_SECONDS,
          leaseWaitSeconds: config.LEASE_WAIT_SECONDS,
          controlPollMs: config.CONTROL_POLL_MS,
          heartbeatSeconds: config.HEARTBEAT_SECONDS,
          floodWaitLongSeconds: config.FLOOD_WAIT_LONG_SECONDS,
          floodWaitMaxSeconds: config.FLOOD_WAIT_MAX_SECONDS,
        },
        plans: new HttpPlanSource(ctx.clients.for('coolthing/scripts')),
        control: new HttpControlSource(
          ctx.clients.for('coolthing/scripts-watchdog', { timeoutMs: 2000, attempts: 1 }),
        ),
        admin: new HttpAdminAccounts(ctx.clients.for('coolthing/admin')),
        gateway,
        repo,
        publish: async (event, payload) => void (await ctx.bus.publish(event, payload)),
        log,
        metrics: {
          lineSent: () => sent.inc(),
          chatSkipped: (reason) => skipped.inc({ reason }),
          waited: (reason) => waits.inc({ reason }),
          sendChecked: (outcome) => checked.inc({ outcome }),
        },
      });
      return {
        tasks: [
          {
            name: 'play',
            async run(signal) {
              try {
                const outcome = await player.play(signal);
                if (outcome !== 'interrupted') ctx.requestExit(0);
              } catch (err) {
                if (signal.aborted) return;
                log.error(
                  { err, sfcId: config.RUN_ID },
                  'run interrupted by an error; exiting for a restart',
                );
                ctx.requestExit(1);
              }
            },
          },
          {
            // A child process whose watchdog died (SIGKILL) stops by itself; the next watchdog resumes the run.
            name: 'watchdog-alive',
            async run(signal) {
              const parent = config.WATCHDOG_PID;
              if (!parent) return;
              while (!signal.aborted) {
                await sleep(1000, signal);
                if (!signal.aborted && process.ppid !== parent) {
                  log.warn({ parent }, 'the watchdog that started this worker is gone; stopping');
                  ctx.requestExit(0);
                  return;
                }
              }
            },
          },
        ],
        stop: async () => {
          // Only a graceful stop gets here (a kill does not): give the leases back at once.
          await player
            .releaseLeases()
            .catch((err: unknown) => log.warn({ err: String(err) }, 'leases not released'));
          await gateway.close().catch(() => undefined);
          log.info({ sfcId: config.RUN_ID }, 'worker stopped');
        },
      };
    },
  });

export const service = createWorkerService();
