import { fileURLToPath } from 'node:url';
import { eventsExchange, leadsExchange, scriptsExchange } from '@switchyard/contracts';
import { defineService } from '@switchyard/kit';
import { AdminBotDirectory } from './adapters/admin-bots';
import { AdminNameDirectory } from './adapters/admin-names';
import { CompositeBotDirectory } from './adapters/bot-directory';
import { EnvBotDirectory } from './adapters/env-bots';
import { GrammySender } from './adapters/grammy-sender';
import type { JsonGetter } from './adapters/http';
import { SandboxBotDirectory } from './adapters/sandbox-bots';
import { AlertComposer } from './app/composer';
import { AlertDelivery } from './app/delivery';
import type { Infra } from './app/deps';
import { botApiRoot, envBots, notifierEnv, sandboxBotEnabled, sandboxBotToken } from './config';
import type { NotifierDB } from './db';
import { emptyNames } from './domain/types';
import {
  deliveriesSubscription,
  leadsSubscription,
  scriptRunsSubscription,
  systemEventsSubscription,
} from './events/subscriptions';
import { NotifierMetrics } from './metrics';
import type { BotDirectory } from './ports/bots';
import type { NameDirectory } from './ports/names';
import { routes } from './routes';

/** Bursts hold at most this many events; a longer storm becomes one message per this many. */
const MAX_EVENTS_PER_ALERT = 200;

/**
 * CoolThing `notifier`: system, script-run and lead events become readable RU/EN messages in
 * the admin chats of every enabled notification bot (grammY on the Bot API, or the sandbox's),
 * bursts become one message, every alert is logged with where it was delivered, and
 * operators post their own through `POST /notifications`.
 */
export const service = defineService({
  name: 'notifier',
  system: 'coolthing',
  title: 'CoolThing notifier',
  description:
    'Alerts in admin chats through notification bots (grammY): service crashes and errors, bans, flood waits, ' +
    'script runs (started, finished with their result, crashed, stalled, skipped chats), new leads, opt-outs, ' +
    'failed private messages. Bursts are grouped; the alert log has filters, cursor pages and acknowledgement.',
  env: notifierEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  async setup(ctx) {
    const { config, log } = ctx;
    // The outbox relay publishes delivery requests there; subscriptions declare the rest.
    await ctx.bus.transport.declareExchange(eventsExchange);
    await ctx.bus.transport.declareExchange(scriptsExchange);
    await ctx.bus.transport.declareExchange(leadsExchange);

    const sender = new GrammySender({
      apiRoot: botApiRoot(config),
      maxRetryDelaySeconds: config.NOTIFIER_BOT_MAX_RETRY_DELAY_SECONDS,
    });
    const client = (target: string): JsonGetter | null => {
      try {
        return ctx.clients.for(target, { timeoutMs: 3000, attempts: 2 }) as JsonGetter;
      } catch {
        return null;
      }
    };
    const admin = config.SERVICE_URL_COOLTHING_ADMIN ? client('coolthing/admin') : null;
    const sandbox = config.SERVICE_URL_COOLTHING_TELEGRAM_SANDBOX
      ? client('coolthing/telegram-sandbox')
      : null;

    const sources: { name: string; directory: BotDirectory }[] = [];
    if (admin && config.NOTIFIER_ADMIN_BOTS)
      sources.push({ name: 'admin', directory: new AdminBotDirectory(admin) });
    const fromEnv = envBots(config);
    if (fromEnv.length) sources.push({ name: 'environment', directory: new EnvBotDirectory(fromEnv) });
    if (sandbox && sandboxBotEnabled(config))
      sources.push({
        name: 'sandbox',
        directory: new SandboxBotDirectory(sandbox, sandboxBotToken(config), (token) =>
          sender.client(token).me(),
        ),
      });
    if (sources.length === 0)
      log.warn(
        {},
        'no notification bots configured (admin, NOTIFIER_BOTS or the sandbox): alerts are only logged',
      );
    const bots = new CompositeBotDirectory(sources, config.NOTIFIER_BOTS_CACHE_SECONDS * 1000, log);
    const names: NameDirectory = admin
      ? new AdminNameDirectory(admin, config.NOTIFIER_NAMES_CACHE_SECONDS * 1000, log)
      : { lookup: async () => emptyNames };

    const infra: Infra = {
      db: ctx.db<NotifierDB>(),
      transaction: (fn) => ctx.transaction(fn),
      bots,
      names,
      sender,
      settings: {
        timeZone: config.NOTIFIER_TIMEZONE,
        locale: config.NOTIFIER_LOCALE,
        chatLocales: config.NOTIFIER_CHAT_LOCALES ?? {},
        html: config.NOTIFIER_PARSE_MODE === 'html',
        burst: {
          windowMs: config.NOTIFIER_BURST_WINDOW_SECONDS * 1000,
          quietMs: config.NOTIFIER_BURST_QUIET_SECONDS * 1000,
          maxEvents: MAX_EVENTS_PER_ALERT,
        },
        deliveryAttempts: config.NOTIFIER_DELIVERY_ATTEMPTS,
        muted: new Set(config.NOTIFIER_MUTED_TYPES ?? []),
        retentionDays: config.NOTIFIER_ALERT_RETENTION_DAYS,
      },
      metrics: new NotifierMetrics(ctx.metrics.registry),
      log,
      clock: () => new Date(),
    };
    const composer = new AlertComposer(infra);
    const delivery = new AlertDelivery(infra);

    return {
      routes: routes(infra),
      subscriptions: [
        systemEventsSubscription(infra),
        scriptRunsSubscription(infra),
        leadsSubscription(infra),
        deliveriesSubscription(delivery, {
          attempts: config.NOTIFIER_DELIVERY_ATTEMPTS,
          initialDelayMs: config.NOTIFIER_DELIVERY_RETRY_INITIAL_MS,
        }),
      ],
      tasks: [composer.task(config.NOTIFIER_COMPOSE_INTERVAL_MS)],
      banner: () => [
        `coolthing notifier: bots from ${sources.map((s) => s.name).join(', ') || 'nowhere (alerts are only logged)'}; ` +
          `${config.NOTIFIER_LOCALE}, ${config.NOTIFIER_TIMEZONE}, bursts ${config.NOTIFIER_BURST_WINDOW_SECONDS} s`,
      ],
    };
  },
});
