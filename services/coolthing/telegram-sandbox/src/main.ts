import { fileURLToPath } from 'node:url';
import { defineService, sleep } from '@switchyard/kit';
import { sandboxEnv } from './config';
import { BotApi } from './domain/bot-api';
import { chatter } from './domain/chatter';
import { SandboxClock } from './domain/clock';
import { loadCorpus } from './domain/corpus';
import { seedDemoWorld } from './domain/seed';
import { World } from './domain/world';
import { mountSandbox } from './mount';
import { WorldStore, type SandboxDB } from './repositories/world-store';
import { routes, type Deps } from './routes';
import { WorldFeed } from './streams/world-feed';

/**
 * A simulated Telegram for embedded mode, demos and tests: chats whose simulated members talk
 * (RU/EN, some with campaign keywords), private conversations with users who answer or opt
 * out, accounts that sign in with a code, injected faults, a Bot API subset for grammY, and
 * a live page. The world lives in memory and is saved to the service's tables.
 */
export const service = defineService({
  name: 'telegram-sandbox',
  system: 'coolthing',
  title: 'Telegram sandbox',
  description:
    'A simulated Telegram world: client API for the sandbox adapter, world control, Bot API, live view.',
  env: sandboxEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  async setup(ctx) {
    const config = ctx.config;
    const clock = new SandboxClock(config.SANDBOX_TIME_SCALE, Date.now());
    const world = new World(clock, loadCorpus());
    const store = new WorldStore(ctx.db<SandboxDB>(), ctx.log, () => clock.now());
    const restored = await store.load(world);
    world.sink = store;
    world.chatterEnabled = config.SANDBOX_CHATTER;
    if (!restored) {
      world.reset(config.SANDBOX_SEED);
      if (config.SANDBOX_DEMO_WORLD)
        seedDemoWorld(world, {
          chatterPerMinute: config.SANDBOX_CHATTER_PER_MINUTE,
          botToken: config.SANDBOX_DEMO_BOT_TOKEN,
        });
      await store.flush();
    }
    store.start(config.SANDBOX_FLUSH_MS);
    const bots = new BotApi(world);
    const feed = new WorldFeed(world);
    const tick = () => world.tick(chatter);
    const deps: Deps = { world, bots, config, tick, flush: () => store.flush() };
    ctx.log.info(
      {
        restored,
        seed: world.seed,
        chats: world.chats.size,
        users: world.users.size,
        accounts: world.accounts.size,
      },
      'sandbox world ready',
    );

    return {
      routes: routes(deps),
      mount: (app) => mountSandbox(app, deps, feed),
      tasks: [
        {
          name: 'sandbox-clock',
          async run(signal) {
            while (!signal.aborted) {
              await sleep(config.SANDBOX_TICK_MS, signal);
              if (!signal.aborted) tick();
            }
          },
        },
      ],
      banner: () => [
        `telegram sandbox: ${world.chats.size} chats, ${world.users.size} users, seed ${world.seed}, time ×${clock.scale}`,
        `  live view: ${config.PUBLIC_URL}${ctx.publicPath}/view`,
        `  accounts (sign in with the code from ${ctx.publicPath}/world/codes): ${[...world.accounts.values()]
          .map((a) => `${a.phone}${a.roleHint ? ` (${a.roleHint})` : ''}`)
          .join(', ')}`,
      ],
      stop: async () => {
        feed.close();
        bots.close();
        await store.stop();
      },
    };
  },
});
