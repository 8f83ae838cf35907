import type { SendCodeResult, SignInReply, TgUser } from '@switchyard/contracts';
import type {
  AccountCredentials,
  PendingSignIn,
  SignInResult,
  TelegramAccount,
  TelegramGateway,
  TelegramUser,
} from '../port';
import { SandboxAccount, type AccountLogger } from './account';
import { SandboxHttp, type SandboxHttpOptions } from './http';
import { keyOfSession, newKey, pendingStateOf, readPendingState, sessionOf } from './session';

export interface SandboxGatewayOptions extends SandboxHttpOptions {
  logger?: AccountLogger;
}

/**
 * The port over the Telegram sandbox service. A thin client: every call is one HTTP request
 * to the sandbox's client API, incoming messages arrive on one event stream per account.
 */
export class SandboxTelegramGateway implements TelegramGateway {
  readonly kind = 'sandbox' as const;
  private readonly http: SandboxHttp;
  private readonly log: AccountLogger;
  private readonly accounts = new Map<string, { key: string; account: Promise<SandboxAccount> }>();

  constructor(options: SandboxGatewayOptions) {
    this.http = new SandboxHttp(options);
    this.log = options.logger ?? { warn: () => undefined };
  }

  async sendCode(phone: string): Promise<PendingSignIn> {
    const sent = await this.http.call<SendCodeResult>('POST', '/client/auth/send-code', { phone }, undefined);
    return {
      phone,
      state: pendingStateOf(newKey(), sent.phoneCodeHash),
      codeDelivery: sent.delivery,
      codeLength: sent.codeLength,
    };
  }

  async signIn(pending: PendingSignIn, code: string): Promise<SignInResult> {
    const { key, phoneCodeHash } = readPendingState(pending.state);
    const out = await this.http.call<SignInReply>(
      'POST',
      '/client/auth/sign-in',
      { phone: pending.phone, phoneCodeHash, code },
      key,
    );
    if (out.status === 'password_needed') return { status: 'password_needed', pending, hint: out.hint };
    return { status: 'signed_in', session: sessionOf(key), user: out.user };
  }

  async checkPassword(
    pending: PendingSignIn,
    password: string,
  ): Promise<{ session: string; user: TelegramUser }> {
    const { key, phoneCodeHash } = readPendingState(pending.state);
    const out = await this.http.call<{ user: TgUser }>(
      'POST',
      '/client/auth/check-password',
      { phoneCodeHash, password },
      key,
    );
    return { session: sessionOf(key), user: out.user };
  }

  async importSession(session: string): Promise<{ session: string; user: TelegramUser }> {
    const key = keyOfSession(session);
    const user = await this.http.call<TgUser>('GET', '/client/me', undefined, key);
    return { session, user };
  }

  /** One live connection per account: a second call returns the same one. */
  connect(credentials: AccountCredentials): Promise<TelegramAccount> {
    const key = keyOfSession(credentials.session);
    const open = this.accounts.get(credentials.accountId);
    if (open && open.key === key) return open.account;
    if (open) void open.account.then((a) => a.close()).catch(() => undefined);
    const account = (async () => {
      const a = new SandboxAccount(credentials.accountId, key, this.http, this.log, () => {
        if (this.accounts.get(credentials.accountId)?.account === account)
          this.accounts.delete(credentials.accountId);
      });
      await a.open();
      return a;
    })();
    this.accounts.set(credentials.accountId, { key, account });
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
