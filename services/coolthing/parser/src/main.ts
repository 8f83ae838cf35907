import { fileURLToPath } from 'node:url';
import { eventsExchange, leadsExchange } from '@switchyard/contracts';
import { defineService, sleep } from '@switchyard/kit';
import type { TelegramGateway } from '@switchyard/telegram';
import { MtcuteTelegramGateway } from '@switchyard/telegram/mtcute';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import { HttpParserAdmin } from './adapters/admin';
import type { ParserInfra } from './app/deps';
import { ParserWorker } from './app/worker';
import { checkParserConfig, parserEnv, sandboxUrl, type ParserConfig } from './config';
import type { ParserDB } from './db';
import { ParserMetrics } from './metrics';
import { pruneClaims } from './repositories/lead-claims';
import { statusRoute } from './routes/status';

function gatewayFrom(config: ParserConfig, log: { warn(obj: object, msg: string): void }): TelegramGateway {
  if (config.TELEGRAM_GATEWAY === 'mtproto')
    return new MtcuteTelegramGateway({
      apiId: config.TELEGRAM_API_ID!,
      apiHash: config.TELEGRAM_API_HASH!,
      // FloodWaits come back to the worker, which knows what to do with them.
      floodSleepThresholdSeconds: 0,
      logger: log,
    });
  return new SandboxTelegramGateway({ baseUrl: sandboxUrl(config)!, logger: log });
}

/**
 * CoolThing `parser`: the worker of one parser account (ACCOUNT_ID), started on demand by the
 * watchdog (registry `onDemand`). Joins the account's share of its campaign's chats, matches
 * every new message against the campaign's keywords and publishes each new lead once.
 */
export const service = defineService({
  name: 'parser',
  system: 'coolthing',
  title: 'CoolThing parser (account worker)',
  description:
    'One worker per parser account: session lease, one kept-open Telegram connection, the assigned chats ' +
    'joined, keyword matching (RU/EN stemming, phrases, minus words), durable per-campaign dedup, NewTargetMessage through the outbox.',
  env: parserEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  async setup(ctx) {
    const { config, log } = ctx;
    checkParserConfig(config);
    await ctx.bus.transport.declareExchange(leadsExchange);
    await ctx.bus.transport.declareExchange(eventsExchange);
    const gateway = gatewayFrom(config, log);
    const db = ctx.db<ParserDB>();
    const infra: ParserInfra = {
      accountId: config.ACCOUNT_ID,
      config,
      db,
      transaction: (fn) => ctx.transaction(fn),
      bus: ctx.bus,
      admin: new HttpParserAdmin(() => ctx.clients.for('coolthing/admin', { timeoutMs: 5000 })),
      gateway,
      log,
      clock: () => new Date(),
      metrics: new ParserMetrics(ctx.metrics.registry),
    };
    let exiting = false;
    const worker = new ParserWorker(infra, (code) => {
      if (exiting) return;
      exiting = true;
      ctx.requestExit(code);
    });
    return {
      routes: [statusRoute(worker)],
      tasks: [
        { name: 'parser-worker', run: (signal) => worker.run(signal) },
        {
          // Old claims block nothing; they are kept a while for operators' questions, then go.
          name: 'prune-claims',
          async run(signal) {
            while (!signal.aborted) {
              const before = new Date(Date.now() - config.PARSER_CLAIM_RETENTION_DAYS * 86_400_000);
              await pruneClaims(db, before).catch((err: unknown) =>
                log.warn({ err: String(err) }, 'claims not pruned'),
              );
              await sleep(3_600_000, signal);
            }
          },
        },
        {
          // A child process whose watchdog died (SIGKILL) stops by itself; the next watchdog starts another.
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
      readiness: async () => {
        if (!worker.isRunning()) throw new Error(`parser worker ${worker.status().state}`);
      },
      stop: async () => {
        await worker.stop();
        await gateway.close().catch(() => undefined);
      },
    };
  },
});
