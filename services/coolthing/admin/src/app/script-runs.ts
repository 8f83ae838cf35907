// Script runs (the seeds' SFC): activation and the operator's controls. Activation checks
// everything in the transaction that stores the run and writes NewActiveScript to the outbox,
// so a refused activation leaves no row and no event behind.
import { randomBytes } from 'node:crypto';
import { newId } from '@switchyard/bus';
import { NewActiveScript, ScriptRunControl } from '@switchyard/contracts';
import { conflict, HttpProblem, notFound } from '@switchyard/kit';
import { checkActivation, type ActivationAccount, type ActivationChat } from '../domain/activation';
import type { Actor } from '../domain/audit';
import { controlOutcome, type RunControl } from '../domain/run-status';
import { findAccounts } from '../repositories/accounts';
import { recordAudit } from '../repositories/audit';
import { findCampaign } from '../repositories/campaigns';
import { findChats } from '../repositories/chats';
import { busyAccounts, findRun, insertRun, updateRun, type RunRow } from '../repositories/runs';
import { findScript } from '../repositories/scripts';
import type { Infra } from './deps';

export interface ActivationRequest {
  scriptId: string;
  campaignId: string;
  /** Role index ("1") → account id. */
  mapping: Record<string, string>;
  /** Registry chat ids; the campaign's target chats when left out. */
  chatIds?: string[];
  seed?: string;
}

export class ScriptRuns {
  constructor(private readonly infra: Pick<Infra, 'transaction' | 'clock' | 'metrics'>) {}

  async activate(actor: Actor, request: ActivationRequest): Promise<RunRow> {
    const { metrics } = this.infra;
    try {
      const run = await this.stored(actor, request);
      metrics.activations.inc({ outcome: 'activated' });
      return run;
    } catch (err) {
      if (err instanceof HttpProblem && err.status === 422) {
        metrics.activations.inc({ outcome: 'refused' });
        for (const p of (err.extra.problems as { code: string }[] | undefined) ?? [])
          metrics.refusals.inc({ code: p.code });
      }
      throw err;
    }
  }

  private stored(actor: Actor, request: ActivationRequest): Promise<RunRow> {
    return this.infra.transaction(async (trx, publish) => {
      const now = this.infra.clock();
      const [script, campaign] = await Promise.all([
        findScript(trx, request.scriptId),
        findCampaign(trx, request.campaignId),
      ]);
      const chatIds = request.chatIds ?? campaign?.target_chat_ids ?? [];
      const accountIds = [...new Set(Object.values(request.mapping))];
      const chatRows = await findChats(trx, chatIds);
      const accountRows = await findAccounts(trx, accountIds);
      const busy = await busyAccounts(trx, accountIds);
      const chats = new Map<string, ActivationChat>(
        [...chatRows.values()].map((c) => [
          c.id,
          {
            id: c.id,
            title: c.title,
            permission: c.permission,
            telegramId: c.telegram_id,
            username: c.username,
            link: c.link,
          },
        ]),
      );
      const accounts = new Map<string, ActivationAccount>(
        [...accountRows.values()].map((a) => [
          a.id,
          {
            id: a.id,
            status: a.status,
            floodWaitUntil: a.flood_wait_until,
            role: a.role,
            hasSession: a.session_sealed !== null,
            firstName: a.first_name,
            lastName: a.last_name,
            username: a.username,
          },
        ]),
      );
      const seed = request.seed ?? randomBytes(8).toString('hex');
      const result = checkActivation({
        script: script ? { id: script.id, body: script.body } : null,
        campaign: campaign
          ? { id: campaign.id, name: campaign.name, type: campaign.type, status: campaign.status }
          : null,
        chatIds,
        chats,
        mapping: request.mapping,
        accounts,
        busy,
        seed,
        now,
      });
      if (!result.ok)
        throw new HttpProblem(
          422,
          'Run refused',
          `The run cannot start: ${result.problems.map((p) => p.message).join('; ')}`.slice(0, 2000),
          {
            type: 'https://switchyard.dev/problems/run-refused',
            problems: result.problems,
          },
        );
      const run = await insertRun(trx, {
        id: newId(),
        script_id: script!.id,
        script_version: script!.version,
        script_name: script!.name,
        script_body: result.script,
        campaign_id: campaign!.id,
        campaign_name: campaign!.name,
        mapping: request.mapping,
        account_ids: accountIds,
        chat_ids: chatIds,
        seed,
        status_reason: null,
        requested_by: actor.id,
        control_requested: null,
        started_at: null,
        finished_at: null,
        last_event_at: null,
      });
      await recordAudit(trx, actor, {
        action: 'script_run.activated',
        entityType: 'script_run',
        entityId: run.id,
        details: {
          scriptId: run.script_id,
          scriptVersion: run.script_version,
          campaignId: run.campaign_id,
          chats: chatIds.length,
        },
      });
      await publish(NewActiveScript, { script_for_campaign_id: run.id });
      return run;
    });
  }

  async control(actor: Actor, id: string, action: RunControl): Promise<RunRow> {
    const run = await this.infra.transaction(async (trx, publish) => {
      const run = await findRun(trx, id);
      if (!run) throw notFound('Script run');
      const outcome = controlOutcome(
        { status: run.status, finishedAt: run.finished_at, startedAt: run.started_at },
        action,
      );
      if ('problem' in outcome) throw conflict(`Cannot ${action} this run: ${outcome.problem}.`);
      await updateRun(trx, id, {
        status: outcome.status,
        statusReason: action === 'stop' ? `stopped by ${actor.id}` : null,
        controlRequested: action,
      });
      await recordAudit(trx, actor, {
        action: `script_run.${action}`,
        entityType: 'script_run',
        entityId: id,
        details: { from: run.status, to: outcome.status },
      });
      await publish(ScriptRunControl, { sfc_id: id, action, requested_by: actor.id.slice(0, 64) });
      return (await findRun(trx, id))!;
    });
    this.infra.metrics.controls.inc({ action });
    return run;
  }
}
