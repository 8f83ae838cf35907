import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { eventsExchange, scriptsExchange } from '@switchyard/contracts';
import { defineService, type BackgroundTask, type Logger } from '@switchyard/kit';
import { ServiceCallError } from '@switchyard/http';
import { SESSION_LEASE_MIGRATION_SQL } from '@switchyard/telegram/lease';
import { createTelegram } from './adapters/telegram';
import { Accounts } from './app/accounts';
import { ChatResolver } from './app/chats';
import { DemoSeeder, WorldRefused, type SandboxWorld } from './app/demo';
import type { Infra } from './app/deps';
import { AccountOnboarding } from './app/onboarding';
import { ScriptRuns } from './app/script-runs';
import { Secrets } from './app/secrets';
import { adminEnv, checkAdminConfig, demoEnabled } from './config';
import type { AdminDB } from './db';
import { systemActor } from './domain/audit';
import { accountEventsSubscription } from './events/accounts';
import { runRejectionsSubscription, scriptEventsSubscription } from './events/script-runs';
import { AdminMetrics } from './metrics';
import { endFloodWaits } from './repositories/accounts';
import { recordAudit } from './repositories/audit';
import { forgetOnboardingSecrets } from './repositories/onboardings';
import { routes } from './routes';

/**
 * CoolThing's admin: REST for accounts (with onboarding through the Telegram port), notification
 * bots, the chat registry, campaigns, scripts, LLM profiles and script runs; the audit log;
 * internal endpoints the scripts services read runs, credentials and session leases from.
 */
export const service = defineService({
  name: 'admin',
  system: 'coolthing',
  title: 'CoolThing admin',
  description:
    'Accounts (onboarding, status, session leases), notification bots, chat registry with permissions, ' +
    'campaigns, scripts (validation, preview), LLM profiles and script runs (activation publishes ' +
    'NewActiveScript). Roles: viewer reads, operator runs campaigns and scripts, admin manages accounts, ' +
    'bots, LLM profiles and chats. Secrets are write-only and sealed at rest.',
  env: adminEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  // Also in db/migrations (0002): the platform does not apply extra migrations yet; IF NOT EXISTS keeps both safe.
  extraMigrations: [{ name: 'telegram_0001_session_leases', sql: SESSION_LEASE_MIGRATION_SQL }],
  async setup(ctx) {
    const { config, log } = ctx;
    checkAdminConfig(config);
    // The outbox relay publishes to these; declare them before the first activation.
    await ctx.bus.transport.declareExchange(scriptsExchange);
    await ctx.bus.transport.declareExchange(eventsExchange);
    const telegram = await createTelegram(config, log);
    const infra: Infra = {
      db: ctx.db<AdminDB>(),
      transaction: (fn) => ctx.transaction(fn),
      secrets: await Secrets.create((purpose) => ctx.secretBox(purpose)),
      telegram,
      config,
      log,
      clock: () => new Date(),
      metrics: new AdminMetrics(ctx.metrics.registry),
    };
    const onboarding = new AccountOnboarding(infra);
    const demo = new DemoSeeder(
      infra,
      onboarding,
      sandboxWorld(ctx, config.TELEGRAM_MODE),
      demoEnabled(config),
    );
    const deps = {
      ...infra,
      onboarding,
      accounts: new Accounts(infra),
      chats: new ChatResolver(infra),
      runs: new ScriptRuns(infra),
      demo,
      clients: ctx.clients,
    };
    return {
      routes: routes(deps),
      subscriptions: [
        accountEventsSubscription(infra),
        scriptEventsSubscription(),
        runRejectionsSubscription(),
      ],
      tasks: [demo.task(), housekeeping(infra, log)],
      banner: () => [
        `coolthing admin: Telegram ${telegram.mode}; demo ${demo.status().state === 'disabled' ? 'off' : 'on'}`,
        ...(demo.status().state === 'disabled'
          ? []
          : [
              `  demo: sandbox chats, actor accounts and a scripts campaign are set up in the background;`,
              `  GET ${ctx.publicPath}/demo gives a body for POST ${ctx.publicPath}/script-runs`,
            ]),
      ],
      stop: () => telegram.close(),
    };
  },
});

/** The sandbox's world API through the typed client (internal token, timeouts, breaker). */
function sandboxWorld(
  ctx: { clients: { for(target: string): { get<T>(path: string): Promise<{ data: T }> } } },
  mode: 'sandbox' | 'mtproto',
): SandboxWorld | null {
  if (mode !== 'sandbox') return null;
  let client: { get<T>(path: string): Promise<{ data: T }> };
  try {
    client = ctx.clients.for('coolthing/telegram-sandbox');
  } catch {
    return null;
  }
  return {
    get: async <T>(path: string) => {
      try {
        return (await client.get<T>(path)).data;
      } catch (err) {
        if (err instanceof ServiceCallError && (err.status === 401 || err.status === 403))
          throw new WorldRefused(err.status);
        throw err;
      }
    },
  };
}

/** Ends flood waits whose time has come and forgets the secrets of finished sign-ins. */
function housekeeping(infra: Infra, log: Logger): BackgroundTask {
  return {
    name: 'accounts-housekeeping',
    async run(signal) {
      while (!signal.aborted) {
        try {
          await infra.transaction(async (trx) => {
            const now = infra.clock();
            for (const id of await endFloodWaits(trx, now))
              await recordAudit(trx, systemActor('flood-wait-timer'), {
                action: 'account.flood_wait_ended',
                entityType: 'account',
                entityId: id,
              });
            await forgetOnboardingSecrets(trx, now);
          });
        } catch (err) {
          if (!signal.aborted) log.warn({ err }, 'accounts housekeeping failed; retrying');
        }
        // The timers' own abort support: a listener added per tick would pile up on the signal.
        await sleep(infra.config.ADMIN_FLOOD_SWEEP_SECONDS * 1000, undefined, { signal }).catch(
          () => undefined,
        );
      }
    },
  };
}
