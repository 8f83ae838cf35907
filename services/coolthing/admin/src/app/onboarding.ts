// Account onboarding: phone → login code → optional 2FA password → session stored sealed;
// or an existing session imported. Between steps the port's pending state is kept sealed in
// the database under the onboarding id, so any instance can continue the flow and a restart
// loses nothing (the original kept Telethon clients in a dict and put the session in a URL).
import { newId } from '@switchyard/bus';
import { conflict, HttpProblem, notFound, unprocessable } from '@switchyard/kit';
import { SignInFailed, type PendingSignIn, type SignInApp, type TelegramUser } from '@switchyard/telegram';
import type { OnboardingProfile } from '../db';
import type { Actor } from '../domain/audit';
import { joinProxy, proxyProblem, splitProxy, type ProxyInput } from '../domain/proxy';
import type { AccountRole } from '../domain/types';
import {
  findAccountByIdentity,
  insertAccount,
  updateAccount,
  type AccountRow,
} from '../repositories/accounts';
import { recordAudit } from '../repositories/audit';
import { findCampaign } from '../repositories/campaigns';
import {
  advanceOnboarding,
  findOnboarding,
  insertOnboarding,
  type OnboardingRow,
} from '../repositories/onboardings';
import { appOf } from './credentials';
import type { Infra } from './deps';
import { telegramProblem } from './telegram-problems';

export interface AccountSettings {
  role: AccountRole;
  tags?: string[];
  campaignId?: string | null;
  isReserve?: boolean;
  notes?: string | null;
}

export interface AppSettings {
  apiId?: number;
  apiHash?: string;
  proxy?: ProxyInput;
}

export type StartInput = AccountSettings & AppSettings & { phone: string };
export type ImportInput = AccountSettings & AppSettings & { phone?: string; session: string };

export type StepResult =
  | { status: 'password_needed'; onboarding: OnboardingRow }
  | { status: 'signed_in'; onboarding: OnboardingRow; account: AccountRow; created: boolean };

export const normalisePhone = (phone: string): string => `+${phone.replace(/\D/g, '')}`;

export class AccountOnboarding {
  constructor(private readonly infra: Infra) {}

  /** Step 1: Telegram sends a login code to the phone. */
  async start(actor: Actor, input: StartInput): Promise<OnboardingRow> {
    const { secrets, config, clock } = this.infra;
    const phone = normalisePhone(input.phone);
    await this.checkSettings(input);
    const id = newId();
    const { proxy, secret } = input.proxy ? splitProxy(input.proxy) : { proxy: null, secret: null };
    const app = this.signInApp(input);
    const pending = await this.call(() => this.infra.telegram.gateway().sendCode(phone, app), 'start');
    const now = clock();
    return this.infra.transaction(async (trx) => {
      const row = await insertOnboarding(trx, {
        id,
        phone,
        step: 'code',
        state_sealed: secrets.seal('sign_in_state', id, pending.state),
        api_id: input.apiId ?? null,
        api_hash_sealed: secrets.sealOrNull('api_hash', id, input.apiHash),
        proxy,
        proxy_secret_sealed: secrets.sealOrNull('proxy_secret', id, secret),
        profile: profileOf(input),
        code_delivery: pending.codeDelivery,
        code_length: pending.codeLength,
        created_by: actor.id,
        expires_at: new Date(now.getTime() + config.ADMIN_ONBOARDING_TTL_MINUTES * 60_000),
      });
      await recordAudit(trx, actor, {
        action: 'onboarding.started',
        entityType: 'onboarding',
        entityId: id,
        details: { phone, role: input.role },
      });
      return row;
    });
  }

  /** Step 2: the login code; Telegram may ask for the 2FA password next. */
  async submitCode(actor: Actor, id: string, code: string): Promise<StepResult> {
    const row = await this.live(id, 'code');
    const app = appOf(row, this.infra.secrets);
    let result;
    try {
      result = await this.infra.telegram.gateway().signIn(this.pendingOf(row), code, app);
    } catch (err) {
      throw await this.failed(row, err);
    }
    this.infra.metrics.onboarding.inc({ step: 'code', outcome: result.status });
    if (result.status === 'password_needed') {
      const next = await advanceOnboarding(this.infra.db, id, 'code', {
        step: 'password',
        state_sealed: this.infra.secrets.seal('sign_in_state', id, result.pending.state),
        password_hint: result.hint?.slice(0, 200) ?? null,
      });
      if (!next) throw conflict('This sign-in moved on meanwhile; read its state again.');
      return { status: 'password_needed', onboarding: next };
    }
    return this.complete(actor, row, 'code', result.session, result.user, app);
  }

  /** Step 3: the 2FA password. */
  async submitPassword(actor: Actor, id: string, password: string): Promise<StepResult> {
    const row = await this.live(id, 'password');
    const app = appOf(row, this.infra.secrets);
    let out;
    try {
      out = await this.infra.telegram.gateway().checkPassword(this.pendingOf(row), password, app);
    } catch (err) {
      throw await this.failed(row, err);
    }
    this.infra.metrics.onboarding.inc({ step: 'password', outcome: 'signed_in' });
    return this.complete(actor, row, 'password', out.session, out.user, app);
  }

  async cancel(actor: Actor, id: string): Promise<OnboardingRow> {
    const row = await findOnboarding(this.infra.db, id);
    if (!row) throw notFound('Onboarding');
    if (row.step !== 'code' && row.step !== 'password')
      throw conflict(`This sign-in is already ${row.step}.`);
    return this.infra.transaction(async (trx) => {
      const next = await advanceOnboarding(trx, id, row.step, {
        step: 'cancelled',
        state_sealed: null,
        api_hash_sealed: null,
        proxy_secret_sealed: null,
      });
      if (!next) throw conflict('This sign-in moved on meanwhile; read its state again.');
      await recordAudit(trx, actor, {
        action: 'onboarding.cancelled',
        entityType: 'onboarding',
        entityId: id,
      });
      return next;
    });
  }

  /** An existing session string: Telegram says whose it is, then it is stored like a fresh sign-in. */
  async importSession(actor: Actor, input: ImportInput): Promise<{ account: AccountRow; created: boolean }> {
    await this.checkSettings(input);
    const app = this.signInApp(input);
    const { session, user } = await this.call(
      () => this.infra.telegram.gateway().importSession(input.session, app),
      'import',
    );
    return this.store(actor, {
      phone: input.phone ? normalisePhone(input.phone) : null,
      session,
      user,
      profile: profileOf(input),
      app: input,
      action: 'account.imported',
    });
  }

  private async checkSettings(input: AccountSettings & AppSettings): Promise<void> {
    if (input.proxy) {
      const problem = proxyProblem(input.proxy);
      if (problem) throw unprocessable(problem, [{ path: 'body.proxy', message: problem }]);
    }
    if (!!input.apiId !== !!input.apiHash)
      throw unprocessable('apiId and apiHash go together.', [
        { path: 'body.apiHash', message: 'send both or neither' },
      ]);
    if (!this.infra.telegram.hasDefaultApp && !input.apiId)
      throw unprocessable(
        'apiId and apiHash are required: no TELEGRAM_API_ID/TELEGRAM_API_HASH default is configured.',
        [{ path: 'body.apiId', message: 'required' }],
      );
    if (input.campaignId && !(await findCampaign(this.infra.db, input.campaignId)))
      throw unprocessable('The campaign does not exist.', [
        { path: 'body.campaignId', message: 'unknown campaign' },
      ]);
  }

  private signInApp(input: AppSettings): SignInApp {
    const parts = input.proxy ? splitProxy(input.proxy) : null;
    return {
      ...(input.apiId ? { apiId: input.apiId } : {}),
      ...(input.apiHash ? { apiHash: input.apiHash } : {}),
      ...(parts ? { proxy: joinProxy(parts.proxy, parts.secret) } : {}),
    };
  }

  private pendingOf(row: OnboardingRow): PendingSignIn {
    return {
      phone: row.phone,
      state: this.infra.secrets.open('sign_in_state', row.id, row.state_sealed!),
      codeDelivery: row.code_delivery ?? 'unknown',
      codeLength: row.code_length,
    };
  }

  /** The sign-in at `step`, or why it cannot continue. */
  private async live(id: string, step: 'code' | 'password'): Promise<OnboardingRow> {
    const row = await findOnboarding(this.infra.db, id);
    if (!row) throw notFound('Onboarding');
    if (row.step === 'code' || row.step === 'password') {
      if (row.expires_at.getTime() <= this.infra.clock().getTime()) {
        await advanceOnboarding(this.infra.db, id, row.step, {
          step: 'failed',
          failure: 'expired',
          state_sealed: null,
        });
        throw new HttpProblem(410, 'Gone', 'This sign-in has expired; start it again.');
      }
      if (row.step !== step)
        throw conflict(
          step === 'code'
            ? 'The code was accepted already; send the 2FA password.'
            : 'Send the login code first.',
        );
      return row;
    }
    throw conflict(`This sign-in is ${row.step}${row.failure ? ` (${row.failure})` : ''}; start a new one.`);
  }

  /** Counts a wrong code or password; too many, or an expired flow, end the sign-in. */
  private async failed(row: OnboardingRow, err: unknown): Promise<unknown> {
    this.infra.metrics.onboarding.inc({ step: row.step, outcome: 'failed' });
    if (err instanceof SignInFailed) {
      const attempts = row.attempts + 1;
      const retryable = err.failure === 'code_invalid' || err.failure === 'password_invalid';
      const over = !retryable || attempts >= this.infra.config.ADMIN_ONBOARDING_MAX_ATTEMPTS;
      await advanceOnboarding(this.infra.db, row.id, row.step, {
        attempts,
        ...(over ? { step: 'failed', failure: err.failure, state_sealed: null } : {}),
      });
    }
    return telegramProblem(err);
  }

  private async call<T>(fn: () => Promise<T>, step: 'start' | 'import'): Promise<T> {
    try {
      const out = await fn();
      this.infra.metrics.onboarding.inc({ step, outcome: 'ok' });
      return out;
    } catch (err) {
      this.infra.metrics.onboarding.inc({ step, outcome: 'failed' });
      throw telegramProblem(err);
    }
  }

  private async complete(
    actor: Actor,
    row: OnboardingRow,
    fromStep: 'code' | 'password',
    session: string,
    user: TelegramUser,
    app: SignInApp,
  ): Promise<StepResult> {
    const stored = await this.store(actor, {
      phone: row.phone,
      session,
      user,
      profile: row.profile,
      app: {
        ...(app.apiId ? { apiId: app.apiId } : {}),
        ...(app.apiHash ? { apiHash: app.apiHash } : {}),
        ...(row.proxy
          ? {
              proxyParts: {
                proxy: row.proxy,
                secret: this.infra.secrets.openOrNull('proxy_secret', row.id, row.proxy_secret_sealed),
              },
            }
          : {}),
      },
      action: 'account.signed_in',
      onboarding: { id: row.id, fromStep },
    });
    const onboarding = (await findOnboarding(this.infra.db, row.id))!;
    return { status: 'signed_in', onboarding, ...stored };
  }

  /** Creates the account, or refreshes the one with the same Telegram user or phone. */
  private async store(
    actor: Actor,
    input: {
      phone: string | null;
      session: string;
      user: TelegramUser;
      profile: OnboardingProfile;
      app: AppSettings & {
        proxyParts?: { proxy: NonNullable<OnboardingRow['proxy']>; secret: string | null };
      };
      action: string;
      onboarding?: { id: string; fromStep: 'code' | 'password' };
    },
  ): Promise<{ account: AccountRow; created: boolean }> {
    const { secrets, clock } = this.infra;
    const parts = input.app.proxyParts ?? (input.app.proxy ? splitProxy(input.app.proxy) : null);
    return this.infra.transaction(async (trx) => {
      const existing = await findAccountByIdentity(trx, input.user.id, input.phone);
      const id = existing?.id ?? newId();
      const common = {
        session_sealed: secrets.seal('session', id, input.session),
        telegram_user_id: input.user.id,
        username: input.user.username,
        first_name: input.user.firstName,
        last_name: input.user.lastName,
        health_checked_at: clock(),
        health_error: null,
        ...(input.app.apiId
          ? {
              api_id: input.app.apiId,
              api_hash_sealed: secrets.sealOrNull('api_hash', id, input.app.apiHash),
            }
          : {}),
        ...(parts
          ? { proxy: parts.proxy, proxy_secret_sealed: secrets.sealOrNull('proxy_secret', id, parts.secret) }
          : {}),
      };
      let account: AccountRow;
      if (existing) {
        const revived = existing.status === 'banned' || existing.status === 'new';
        account = (await updateAccount(trx, id, {
          ...common,
          ...(input.phone && !existing.phone ? { phone: input.phone } : {}),
          ...(revived ? { status: 'active', status_reason: null } : {}),
        }))!;
      } else {
        account = await insertAccount(trx, {
          id,
          phone: input.phone,
          ...common,
          api_id: common.api_id ?? null,
          api_hash_sealed: common.api_hash_sealed ?? null,
          proxy: common.proxy ?? null,
          proxy_secret_sealed: common.proxy_secret_sealed ?? null,
          role: input.profile.role,
          status: 'active',
          status_reason: null,
          flood_wait_until: null,
          counters_day: null,
          tags: input.profile.tags,
          campaign_id: input.profile.campaignId,
          is_reserve: input.profile.isReserve,
          notes: input.profile.notes,
          deleted_at: null,
        });
      }
      if (input.onboarding) {
        const done = await advanceOnboarding(trx, input.onboarding.id, input.onboarding.fromStep, {
          step: 'done',
          account_id: id,
          state_sealed: null,
          api_hash_sealed: null,
          proxy_secret_sealed: null,
        });
        if (!done) throw conflict('This sign-in was completed or cancelled meanwhile.');
      }
      await recordAudit(trx, actor, {
        action: input.action,
        entityType: 'account',
        entityId: id,
        details: {
          created: !existing,
          telegramUserId: input.user.id,
          ...(input.onboarding ? { onboardingId: input.onboarding.id } : {}),
        },
      });
      return { account, created: !existing };
    });
  }
}

function profileOf(input: AccountSettings): OnboardingProfile {
  return {
    role: input.role,
    tags: input.tags ?? [],
    campaignId: input.campaignId ?? null,
    isReserve: input.isReserve ?? false,
    notes: input.notes ?? null,
  };
}
