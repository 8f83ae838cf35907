import { fileURLToPath } from 'node:url';
import { eventsExchange, leadsExchange } from '@switchyard/contracts';
import { defineService } from '@switchyard/kit';
import type { TelegramGateway } from '@switchyard/telegram';
import { MtcuteTelegramGateway } from '@switchyard/telegram/mtcute';
import { AccountsApiClient } from '@switchyard/telegram/accounts-api';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import type { WorkerInfra } from './app/deps';
import { AccountWorker } from './app/worker';
import { botEnv, checkBotConfig, optOutPhrases, sandboxUrl, type BotConfig } from './config';
import type { BotDB } from './db';
import { DEFAULT_OPT_OUT_PHRASES, optOutMatcher } from './domain/opt-out';
import { outboundSubscription, suppressionSubscription } from './events/subscriptions';
import { BotMetrics } from './metrics';
import { statusRoute } from './routes/status';

function gatewayFrom(config: BotConfig, log: { warn(obj: object, msg: string): void }): TelegramGateway {
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
 * CoolThing `bot`: the worker of one manager account (ACCOUNT_ID), started on demand by the
 * watchdog (registry `onDemand`). Sends the account's private messages with pacing and typing,
 * re-checks the do-not-contact list right before each, maps Telegram's typed errors to their
 * reactions, and turns replies into LeadReplied (opt-outs into LeadOptedOut).
 */
export const service = defineService({
  name: 'bot',
  system: 'coolthing',
  title: 'CoolThing bot (account worker)',
  description:
    'One worker per manager account: session lease, one kept-open Telegram connection, outbound private ' +
    'messages with pacing, typing and retries, suppression re-check, reply ingestion and opt-out detection.',
  env: botEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  async setup(ctx) {
    const { config, log } = ctx;
    const phrases = optOutPhrases(config, DEFAULT_OPT_OUT_PHRASES);
    checkBotConfig(config, () => phrases);
    await ctx.bus.transport.declareExchange(leadsExchange);
    await ctx.bus.transport.declareExchange(eventsExchange);
    const gateway = gatewayFrom(config, log);
    const infra: WorkerInfra = {
      accountId: config.ACCOUNT_ID,
      config,
      db: ctx.db<BotDB>(),
      transaction: (fn) => ctx.transaction(fn),
      bus: ctx.bus,
      admin: new AccountsApiClient(() => ctx.clients.for('coolthing/admin', { timeoutMs: 5000 }), {
        serviceName: 'coolthing-bot',
      }),
      gateway,
      optOut: optOutMatcher(phrases),
      log,
      clock: () => new Date(),
      rng: Math.random,
      metrics: new BotMetrics(ctx.metrics.registry),
    };
    let exiting = false;
    const worker = new AccountWorker(infra, {
      consumeOutbound: (onMessage) =>
        ctx.bus.subscribe(
          outboundSubscription(
            config.ACCOUNT_ID,
            () => Math.floor(infra.rng() * config.BOT_JITTER_SECONDS * 1000),
            onMessage,
          ),
        ),
      exit: (code) => {
        if (exiting) return;
        exiting = true;
        ctx.requestExit(code);
      },
    });
    return {
      routes: [statusRoute(worker)],
      subscriptions: [suppressionSubscription()],
      tasks: [{ name: 'account-worker', run: (signal) => worker.run(signal) }],
      readiness: async () => {
        if (!worker.isRunning()) throw new Error(`account worker ${worker.status().state}`);
      },
      stop: async () => {
        await worker.stop();
        await gateway.close().catch(() => undefined);
      },
    };
  },
});
