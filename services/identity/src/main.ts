import { randomBytes, randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { identityExchange } from '@switchyard/contracts/identity';
import { mailExchange } from '@switchyard/contracts/mail';
import { defineService, type BackgroundTask } from '@switchyard/kit';
import { Argon2Hasher } from './adapters/argon2-hasher';
import type { Infra } from './app/deps';
import { LoginGuard } from './app/guards';
import { IdentityMetrics } from './app/metrics';
import { seedAccounts } from './app/seed';
import { identityEnv } from './config';
import { CodeHasher } from './crypto/tokens';
import { localAuthentication } from './http/local-auth';
import { AccessTokens } from './keys/access-tokens';
import { KeyRing } from './keys/key-ring';
import { CodesRepository } from './repositories/codes';
import type { IdentityDB } from './repositories/db';
import { SigningKeysRepository } from './repositories/keys';
import { SessionsRepository } from './repositories/sessions';
import { UsersRepository } from './repositories/users';
import { routes } from './routes';

const DAY_MS = 24 * 60 * 60_000;

export const service = defineService({
  name: 'identity',
  title: 'Identity',
  description:
    'Accounts, sign-in and sessions for every system: RS256 access tokens verified offline with the JWKS, ' +
    'rotating refresh tokens, one-time codes by mail, bans and roles.',
  env: identityEnv,
  migrations: fileURLToPath(new URL('../db/migrations', import.meta.url)),
  async setup(ctx) {
    const { config, log } = ctx;
    const production = config.NODE_ENV === 'production';
    const clock = () => new Date();
    const db = ctx.db<IdentityDB>();
    // The outbox relay publishes without declaring; an undeclared exchange would stall it.
    for (const exchange of [identityExchange, mailExchange])
      await ctx.bus.transport.declareExchange(exchange);
    const accessTtlMs = config.IDENTITY_ACCESS_TTL_SECONDS * 1000;
    const skewMs = config.IDENTITY_CLOCK_SKEW_SECONDS * 1000;
    const keys = new KeyRing({
      repo: new SigningKeysRepository(db),
      box: await ctx.secretBox('signing-keys'),
      policy: {
        activationDelayMs: config.IDENTITY_KEY_ACTIVATION_DELAY_SECONDS * 1000,
        // A retired key outlives every token it signed, plus skew, plus the verifiers' cache.
        retiredKeepMs: accessTtlMs + skewMs + 10 * 60_000,
        rotationIntervalMs: config.IDENTITY_KEY_ROTATION_DAYS * DAY_MS,
      },
      clock,
      log,
      lock: (name, ttlMs) => ctx.cache.setIfAbsent(`lock:${name}`, '1', ttlMs),
    });
    await keys.start();

    const users = new UsersRepository(db);
    const sessions = new SessionsRepository(db);
    const passwords = new Argon2Hasher();
    const infra: Infra = {
      config,
      log,
      clock,
      db,
      transaction: (fn) => ctx.transaction(fn),
      cache: ctx.cache,
      users,
      sessions,
      codes: new CodesRepository(db),
      passwords,
      codeHasher: new CodeHasher(await ctx.secretKey('codes')),
      keys,
      tokens: new AccessTokens({
        keys,
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
        ttlSeconds: config.IDENTITY_ACCESS_TTL_SECONDS,
        clockSkewSeconds: config.IDENTITY_CLOCK_SKEW_SECONDS,
        clock,
      }),
      randomInt,
      metrics: new IdentityMetrics(ctx.metrics.registry),
    };
    const guard = new LoginGuard(ctx.cache, {
      threshold: config.IDENTITY_LOCKOUT_THRESHOLD,
      baseMs: config.IDENTITY_LOCKOUT_BASE_SECONDS * 1000,
      maxMs: config.IDENTITY_LOCKOUT_MAX_SECONDS * 1000,
      ipMaxFailures: config.IDENTITY_IP_MAX_FAILURES,
      ipWindowMs: config.IDENTITY_IP_WINDOW_SECONDS * 1000,
    });
    const [dummyHash, banner] = await Promise.all([
      passwords.hash(randomBytes(16).toString('hex')),
      seedAccounts(infra, {
        dataDir: ctx.dataDir,
        production,
        demo: config.DEMO_USERS ? config.DEMO_USERS === 'true' : !production,
      }),
    ]);

    const maintenance: BackgroundTask = {
      name: 'key-rotation-and-cleanup',
      async run(signal) {
        while (!signal.aborted) {
          await sleep(config.IDENTITY_KEY_CHECK_INTERVAL_SECONDS * 1000, signal);
          if (signal.aborted) return;
          try {
            await keys.maintain();
            const now = clock();
            await sessions.purge(new Date(now.getTime() - 7 * DAY_MS));
            await infra.codes.purgeExpired(now);
          } catch (err) {
            log.error({ err }, 'identity maintenance failed; will retry');
          }
        }
      },
    };

    return {
      routes: routes({
        ...infra,
        guard,
        dummyHash,
        cookie: { path: ctx.publicPath, secure: config.PUBLIC_URL.startsWith('https:') },
      }),
      middleware: [localAuthentication({ tokens: infra.tokens, sessions, users, clock })],
      bans: { isBanned: async (userId) => (await users.byId(userId))?.status === 'banned' },
      tasks: [maintenance],
      banner: () => [
        `identity: JWKS at ${config.PUBLIC_URL}${ctx.publicPath}/.well-known/jwks.json`,
        ...banner,
      ],
    };
  },
});

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
