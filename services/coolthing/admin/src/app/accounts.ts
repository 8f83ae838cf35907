// Account changes: an admin's edits, reports from workers and events, health checks.
import { newId } from '@switchyard/bus';
import { conflict, notFound, unprocessable } from '@switchyard/kit';
import { AccountBanned as AccountBannedError, isTelegramError } from '@switchyard/telegram';
import { SessionLeaseHeld } from '@switchyard/telegram/lease';
import { sessionLeases } from './leases';
import { applyStatusReport, type StatusReport } from '../domain/account-status';
import { sentKeys, type Actor } from '../domain/audit';
import { proxyProblem, splitProxy, type ProxyInput } from '../domain/proxy';
import type { AccountRole, AccountStatus } from '../domain/types';
import type { Conn } from '../db';
import {
  findAccount,
  softDeleteAccount,
  updateAccount,
  type AccountChanges,
  type AccountRow,
} from '../repositories/accounts';
import { recordAudit } from '../repositories/audit';
import { findCampaign } from '../repositories/campaigns';
import { unfinishedRunOf } from '../repositories/runs';
import { credentialsOf } from './credentials';
import type { Infra } from './deps';
import { telegramProblem } from './telegram-problems';

export interface AccountPatch {
  role?: AccountRole;
  status?: Extract<AccountStatus, 'active' | 'paused' | 'stopped' | 'banned' | 'limited'>;
  statusReason?: string | null;
  tags?: string[];
  campaignId?: string | null;
  isReserve?: boolean;
  warmupStage?: number;
  notes?: string | null;
  proxy?: ProxyInput | null;
  apiId?: number | null;
  apiHash?: string;
}

export type StatusOutcome = { changed: boolean; why?: string; account: AccountRow };

export class Accounts {
  constructor(private readonly infra: Infra) {}

  /** Changes exactly the fields sent; secrets sent are sealed, secrets not sent stay. */
  async update(actor: Actor, id: string, patch: AccountPatch): Promise<AccountRow> {
    const { secrets } = this.infra;
    if (patch.proxy) {
      const problem = proxyProblem(patch.proxy);
      if (problem) throw unprocessable(problem, [{ path: 'body.proxy', message: problem }]);
    }
    if (patch.apiHash !== undefined && !patch.apiId)
      throw unprocessable('apiHash comes with apiId.', [
        { path: 'body.apiId', message: 'send apiId with apiHash' },
      ]);
    if (patch.apiId && patch.apiHash === undefined)
      throw unprocessable('apiId comes with apiHash.', [
        { path: 'body.apiHash', message: 'send apiHash with apiId' },
      ]);
    if (patch.campaignId && !(await findCampaign(this.infra.db, patch.campaignId)))
      throw unprocessable('The campaign does not exist.', [
        { path: 'body.campaignId', message: 'unknown campaign' },
      ]);
    return this.infra.transaction(async (trx) => {
      const current = await findAccount(trx, id);
      if (!current) throw notFound('Account');
      const changes: AccountChanges = {
        ...(patch.role === undefined ? {} : { role: patch.role }),
        ...(patch.status === undefined
          ? {}
          : { status: patch.status, flood_wait_until: null, status_reason: patch.statusReason ?? null }),
        ...(patch.status === undefined && patch.statusReason !== undefined
          ? { status_reason: patch.statusReason }
          : {}),
        ...(patch.tags === undefined ? {} : { tags: patch.tags }),
        ...(patch.campaignId === undefined ? {} : { campaign_id: patch.campaignId }),
        ...(patch.isReserve === undefined ? {} : { is_reserve: patch.isReserve }),
        ...(patch.warmupStage === undefined ? {} : { warmup_stage: patch.warmupStage }),
        ...(patch.notes === undefined ? {} : { notes: patch.notes }),
        ...(patch.apiId === undefined
          ? {}
          : patch.apiId === null
            ? { api_id: null, api_hash_sealed: null }
            : { api_id: patch.apiId, api_hash_sealed: secrets.seal('api_hash', id, patch.apiHash!) }),
      };
      if (patch.proxy === null) Object.assign(changes, { proxy: null, proxy_secret_sealed: null });
      else if (patch.proxy) {
        const { proxy, secret } = splitProxy(patch.proxy);
        // Editing the port of a proxy should not make anyone type its password again.
        const same =
          current.proxy?.type === proxy.type &&
          current.proxy.host === proxy.host &&
          current.proxy.username === proxy.username;
        const sealed = secret
          ? secrets.seal('proxy_secret', id, secret)
          : same
            ? current.proxy_secret_sealed
            : null;
        Object.assign(changes, { proxy, proxy_secret_sealed: sealed });
      }
      const updated = await updateAccount(trx, id, changes);
      await recordAudit(trx, actor, {
        action: 'account.updated',
        entityType: 'account',
        entityId: id,
        details: {
          fields: sentKeys(patch),
          ...(patch.status ? { status: { from: current.status, to: patch.status } } : {}),
        },
      });
      return updated!;
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.infra.transaction(async (trx) => {
      const run = await unfinishedRunOf(trx, { accountId: id });
      if (run) throw conflict(`The account plays in run ${run}, which has not ended; stop it first.`);
      if (!(await softDeleteAccount(trx, id))) throw notFound('Account');
      await recordAudit(trx, actor, { action: 'account.deleted', entityType: 'account', entityId: id });
    });
  }

  /** A worker's report (internal API): banned, flood wait until T, limited, active again. */
  async reportStatus(actor: Actor, id: string, report: StatusReport): Promise<StatusOutcome | null> {
    const outcome = await this.infra.transaction((trx) =>
      reportAccountStatus(trx, actor, id, report, this.infra.clock()),
    );
    if (outcome?.changed) this.infra.metrics.statusChanges.inc({ status: outcome.account.status });
    return outcome;
  }

  /**
   * Asks Telegram whose session this is, under the session lease so it never races a live
   * worker (Telegram would answer AUTH_KEY_DUPLICATED); records health and profile.
   */
  async check(actor: Actor, id: string): Promise<AccountRow> {
    const row = await findAccount(this.infra.db, id);
    if (!row) throw notFound('Account');
    const credentials = credentialsOf(row, this.infra.secrets);
    const leases = sessionLeases(this.infra.db, 60_000);
    const holder = `admin-check-${newId()}`;
    try {
      await leases.acquire(id, holder);
    } catch (err) {
      if (err instanceof SessionLeaseHeld)
        throw conflict(`The session is in use by ${err.holder}; try again later.`);
      throw err;
    }
    let outcome: {
      user?: { id: string; username: string | null; firstName: string; lastName: string | null };
      session?: string;
      error?: unknown;
    };
    try {
      const { session, user } = await this.infra.telegram
        .gateway()
        .importSession(credentials.session, credentials);
      outcome = { user, session };
    } catch (err) {
      outcome = { error: err };
    } finally {
      await leases.release(id, holder).catch(() => undefined);
    }
    if (outcome.error && !isTelegramError(outcome.error)) throw telegramProblem(outcome.error);
    const now = this.infra.clock();
    return this.infra.transaction(async (trx) => {
      const changes: AccountChanges = { health_checked_at: now };
      if (outcome.user) {
        Object.assign(changes, {
          health_error: null,
          telegram_user_id: outcome.user.id,
          username: outcome.user.username,
          first_name: outcome.user.firstName,
          last_name: outcome.user.lastName,
          ...(outcome.session && outcome.session !== credentials.session
            ? { session_sealed: this.infra.secrets.seal('session', id, outcome.session) }
            : {}),
        });
      } else {
        const err = outcome.error as Error;
        Object.assign(changes, {
          health_error: err.message.slice(0, 500),
          ...(err instanceof AccountBannedError
            ? { status: 'banned', status_reason: err.message.slice(0, 500) }
            : {}),
        });
      }
      const updated = await updateAccount(trx, id, changes);
      await recordAudit(trx, actor, {
        action: 'account.checked',
        entityType: 'account',
        entityId: id,
        details: {
          ok: !!outcome.user,
          ...(outcome.error ? { error: (outcome.error as Error).message.slice(0, 200) } : {}),
        },
      });
      return updated!;
    });
  }
}

/** Applies a status report in the caller's transaction (an event handler's, or a request's). */
export async function reportAccountStatus(
  conn: Conn,
  actor: Actor,
  id: string,
  report: StatusReport,
  now: Date,
): Promise<StatusOutcome | null> {
  const current = await findAccount(conn, id);
  if (!current) return null;
  const change = applyStatusReport(
    { status: current.status, floodWaitUntil: current.flood_wait_until },
    report,
    now,
  );
  if (!change.change) return { changed: false, why: change.why, account: current };
  const account = await updateAccount(conn, id, {
    status: change.status,
    flood_wait_until: change.floodWaitUntil,
    status_reason: change.reason?.slice(0, 500) ?? null,
  });
  await recordAudit(conn, actor, {
    action: 'account.status_reported',
    entityType: 'account',
    entityId: id,
    details: {
      from: current.status,
      to: change.status,
      ...(change.floodWaitUntil ? { until: change.floodWaitUntil.toISOString() } : {}),
      ...(change.reason ? { reason: change.reason.slice(0, 200) } : {}),
    },
  });
  return { changed: true, account: account! };
}
