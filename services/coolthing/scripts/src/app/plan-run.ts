import { ScriptRunPlanned, ScriptRunRejected } from '@switchyard/contracts';
import type { Enqueue } from '@switchyard/bus';
import type { Logger } from '@switchyard/kit';
import type { Transaction } from '@switchyard/store';
import type { Counter } from 'prom-client';
import type { Db, ScriptsDB } from '../db';
import { admit } from '../domain/admission';
import type { SfcSnapshot } from '../domain/snapshot';
import { AdminContractError, type AdminRuns } from '../ports/admin';
import { findRun, insertRun } from '../repositories/runs';

export interface PlanDeps {
  db: Db;
  transaction<T>(fn: (trx: Transaction<ScriptsDB>, publish: Enqueue) => Promise<T>): Promise<T>;
  admin: AdminRuns;
  /** ms epoch; plans start from it. */
  now(): number;
  startDelayMs: number;
  log: Logger;
  decided: Counter<'outcome'>;
}

export type PlanOutcome = 'planned' | 'rejected' | 'already_decided';

/**
 * NewActiveScript → a stored plan and ScriptRunPlanned, or ScriptRunRejected with every
 * problem. The row and its event commit together; a second delivery finds the row and stops.
 */
export async function planRun(deps: PlanDeps, sfcId: string): Promise<PlanOutcome> {
  if (await findRun(deps.db, sfcId)) return 'already_decided';
  let problems: string[] | undefined;
  let snapshot: SfcSnapshot | null = null;
  try {
    snapshot = await deps.admin.scriptRun(sfcId);
    if (!snapshot) problems = ['admin does not know this run'];
  } catch (err) {
    // Admin down or slow: the bus retries with backoff. A contract break will not heal.
    if (!(err instanceof AdminContractError)) throw err;
    problems = [err.message.slice(0, 500)];
  }
  const admission = snapshot ? admit(snapshot, deps.now() + deps.startDelayMs) : undefined;
  const outcome = await deps.transaction(async (trx, publish) => {
    if (admission?.ok) {
      const { plan, targets, accounts } = admission;
      const lines = plan.chats.reduce((n, c) => n + c.lines.length, 0);
      const fresh = await insertRun(trx, {
        sfcId,
        status: 'planned',
        campaignId: snapshot!.sfc.campaignId,
        scriptId: snapshot!.sfc.scriptId,
        seed: snapshot!.sfc.seed,
        plan,
        targets,
        accounts,
        problems: [],
        chats: plan.chats.length,
        lines,
      });
      if (fresh) await publish(ScriptRunPlanned, { sfc_id: sfcId, chats: plan.chats.length, lines });
      return fresh ? 'planned' : 'already_decided';
    }
    const list = (admission && !admission.ok ? admission.problems : (problems ?? [])).map((p) =>
      p.slice(0, 500),
    );
    const fresh = await insertRun(trx, {
      sfcId,
      status: 'rejected',
      campaignId: snapshot?.sfc.campaignId ?? null,
      scriptId: snapshot?.sfc.scriptId ?? null,
      seed: snapshot?.sfc.seed ?? null,
      plan: null,
      targets: [],
      accounts: [],
      problems: list,
      chats: 0,
      lines: 0,
    });
    if (fresh) await publish(ScriptRunRejected, { sfc_id: sfcId, problems: list });
    return fresh ? 'rejected' : 'already_decided';
  });
  if (outcome !== 'already_decided') {
    deps.decided.inc({ outcome });
    deps.log.info({ sfcId, outcome }, outcome === 'planned' ? 'run planned' : 'run rejected');
  }
  return outcome;
}
