import {
  MemoryStorage,
  networkMiddlewares,
  tl,
  TelegramClient,
  type TelegramClientOptions,
} from '@mtcute/node';
import { SignInFailed } from '../errors';
import type {
  AccountCredentials,
  PendingSignIn,
  SignInApp,
  SignInResult,
  TelegramAccount,
  TelegramGateway,
  TelegramUser,
} from '../port';
import { MtcuteAccount, type MtcuteLogger } from './account';
import { mtcuteError, transportFor, userOf } from './mapping';

export interface MtcuteGatewayOptions {
  /** Application credentials (my.telegram.org); an account's own apiId/apiHash win. */
  apiId: number;
  apiHash: string;
  /** Flood waits up to this long are slept through by mtcute; longer ones throw FloodWait. */
  floodSleepThresholdSeconds?: number;
  /** Telegram's test DCs. */
  testMode?: boolean;
  logger?: MtcuteLogger;
  /** Builds the client (tests pass one over a stub transport); `new TelegramClient` by default. */
  createClient?: (options: TelegramClientOptions) => Promise<TelegramClient> | TelegramClient;
}

const PENDING = 'mtcute-pending:1:';

/**
 * The port over MTProto user accounts with mtcute. One client (one connection) per account,
 * kept open and reused; sessions are strings the caller stores; this adapter never logs them.
 */
export class MtcuteTelegramGateway implements TelegramGateway {
  readonly kind = 'mtproto' as const;
  private readonly accounts = new Map<string, { session: string; account: Promise<MtcuteAccount> }>();
  private readonly log: MtcuteLogger;

  constructor(private readonly options: MtcuteGatewayOptions) {
    this.log = options.logger ?? { warn: () => undefined };
  }

  /** Client options for an account: its credentials, its proxy, the flood waiter; sessions only in memory. */
  clientOptions(app: SignInApp = {}): TelegramClientOptions {
    const transport = transportFor(app.proxy);
    const threshold = (this.options.floodSleepThresholdSeconds ?? 10) * 1000;
    return {
      apiId: app.apiId ?? this.options.apiId,
      apiHash: app.apiHash ?? this.options.apiHash,
      storage: new MemoryStorage(),
      testMode: this.options.testMode,
      logLevel: 1,
      ...(transport ? { transport } : {}),
      network: {
        middlewares: networkMiddlewares.basic({
          floodWaiter: {
            maxWait: threshold,
            maxRetries: 3,
            onBeforeWait: (ctx, seconds) =>
              this.log.warn({ method: ctx.request._, seconds }, 'short flood wait: sleeping, then retrying'),
          },
        }),
      },
    };
  }

  private async client(app?: SignInApp): Promise<TelegramClient> {
    const options = this.clientOptions(app);
    return this.options.createClient ? this.options.createClient(options) : new TelegramClient(options);
  }

  /** Runs `fn` on a short-lived client (sign-in steps), always destroyed afterwards. */
  private async withClient<T>(app: SignInApp | undefined, fn: (c: TelegramClient) => Promise<T>): Promise<T> {
    const client = await this.client(app);
    try {
      return await fn(client);
    } catch (err) {
      throw mtcuteError(err);
    } finally {
      await client.destroy().catch(() => undefined);
    }
  }

  sendCode(phone: string, app?: SignInApp): Promise<PendingSignIn> {
    return this.withClient(app, async (client) => {
      const sent = await client.sendCode({ phone });
      if (!('phoneCodeHash' in sent)) throw new SignInFailed('phone_invalid');
      const state = { s: await client.exportSession(), h: sent.phoneCodeHash };
      return {
        phone,
        state: PENDING + Buffer.from(JSON.stringify(state)).toString('base64url'),
        codeDelivery: sent.type,
        codeLength: sent.length ?? null,
      };
    });
  }

  signIn(pending: PendingSignIn, code: string, app?: SignInApp): Promise<SignInResult> {
    return this.withClient(app, async (client) => {
      const { s, h } = readPending(pending.state);
      await client.importSession(s, true);
      try {
        const user = await client.signIn({ phone: pending.phone, phoneCodeHash: h, phoneCode: code });
        return { status: 'signed_in', session: await client.exportSession(), user: userOf(user) };
      } catch (err) {
        if (!tl.RpcError.is(err, 'SESSION_PASSWORD_NEEDED')) throw err;
        const hint = await client.getPasswordHint().catch(() => null);
        return { status: 'password_needed', pending, hint };
      }
    });
  }

  checkPassword(
    pending: PendingSignIn,
    password: string,
    app?: SignInApp,
  ): Promise<{ session: string; user: TelegramUser }> {
    return this.withClient(app, async (client) => {
      const { s } = readPending(pending.state);
      await client.importSession(s, true);
      const user = await client.checkPassword(password);
      return { session: await client.exportSession(), user: userOf(user) };
    });
  }

  importSession(session: string, app?: SignInApp): Promise<{ session: string; user: TelegramUser }> {
    return this.withClient(app, async (client) => {
      await client.importSession(session, true);
      const user = userOf(await client.getMe());
      return { session: await client.exportSession(), user };
    });
  }

  connect(credentials: AccountCredentials): Promise<TelegramAccount> {
    const open = this.accounts.get(credentials.accountId);
    if (open && open.session === credentials.session) return open.account;
    if (open) void open.account.then((a) => a.close()).catch(() => undefined);
    const account = (async () => {
      const client = await this.client(credentials);
      try {
        await client.importSession(credentials.session, true);
        await client.connect();
        await client.getMe();
        await client.startUpdatesLoop();
      } catch (err) {
        await client.destroy().catch(() => undefined);
        throw mtcuteError(err);
      }
      return new MtcuteAccount(credentials.accountId, client, this.log, () => {
        if (this.accounts.get(credentials.accountId)?.account === account)
          this.accounts.delete(credentials.accountId);
      });
    })();
    this.accounts.set(credentials.accountId, { session: credentials.session, account });
    account.catch(() => {
      if (this.accounts.get(credentials.accountId)?.account === account)
        this.accounts.delete(credentials.accountId);
    });
    return account;
  }

  async close(): Promise<void> {
    const open = [...this.accounts.values()];
    this.accounts.clear();
    await Promise.allSettled(open.map(async (o) => (await o.account).close()));
  }
}

function readPending(state: string): { s: string; h: string } {
  try {
    if (!state.startsWith(PENDING)) throw new Error('not an mtcute sign-in state');
    const parsed = JSON.parse(Buffer.from(state.slice(PENDING.length), 'base64url').toString('utf8')) as {
      s?: unknown;
      h?: unknown;
    };
    if (typeof parsed.s !== 'string' || typeof parsed.h !== 'string') throw new Error('incomplete');
    return { s: parsed.s, h: parsed.h };
  } catch {
    throw new SignInFailed('flow_expired');
  }
}
