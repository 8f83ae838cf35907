import {
  ChatSkipped,
  ScriptCrashed,
  ScriptFinished,
  ScriptLineSent,
  ScriptRunRejected,
  ScriptStalled,
  ScriptStarted,
} from '@switchyard/contracts';
import { on, type HandlerContext, type SubscriptionSpec } from '@switchyard/kit';
import type { AdminDB, RunProblemRow } from '../db';
import { applyRunEvent, type RunEvent } from '../domain/run-status';
import { countMessageSent } from '../repositories/accounts';
import { countRunProgress, findRun, updateRun } from '../repositories/runs';

const at = (text: string, h: HandlerContext): Date => {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? new Date(h.envelope.occurredAt) : d;
};

/** Moves the run's status projection; events for runs this admin never made are ignored. */
async function project(
  h: HandlerContext,
  sfcId: string,
  event: RunEvent,
  extra: { problems?: RunProblemRow[]; count?: 'lines_sent' | 'chats_skipped' } = {},
): Promise<void> {
  const trx = h.tx<AdminDB>();
  const run = await findRun(trx, sfcId);
  if (!run) {
    h.log.warn({ sfcId, type: h.envelope.type }, 'event for an unknown script run');
    return;
  }
  const change = applyRunEvent(
    { status: run.status, finishedAt: run.finished_at, startedAt: run.started_at },
    event,
  );
  await updateRun(trx, sfcId, {
    ...change,
    lastEventAt: event.at,
    ...(extra.problems ? { problems: extra.problems } : {}),
  });
  if (extra.count) await countRunProgress(trx, sfcId, extra.count);
}

/** The run status projection: progress events from workers, the watcher and the scripts service. */
export function scriptEventsSubscription(): SubscriptionSpec {
  return {
    name: 'script_run_events',
    handlers: [
      on(ScriptStarted, (p, h) =>
        project(h, p.sfc_id, { kind: 'started', at: at(p.started_at, h), attempt: p.attempt }),
      ),
      on(ScriptLineSent, async (p, h) => {
        await project(h, p.sfc_id, { kind: 'progress', at: at(p.sent_at, h) }, { count: 'lines_sent' });
        await countMessageSent(h.tx<AdminDB>(), p.account_id, at(p.sent_at, h));
      }),
      on(ChatSkipped, (p, h) =>
        project(
          h,
          p.sfc_id,
          { kind: 'progress', at: new Date(h.envelope.occurredAt) },
          { count: 'chats_skipped' },
        ),
      ),
      on(ScriptFinished, (p, h) =>
        project(
          h,
          p.sfc_id,
          { kind: 'finished', at: at(p.finished_at, h), status: p.status },
          { problems: p.problems.map((x) => ({ chatId: x.chat_id, reason: x.reason, text: x.text })) },
        ),
      ),
      on(ScriptCrashed, (p, h) =>
        project(h, p.sfc_id, { kind: 'crashed', at: new Date(h.envelope.occurredAt), reason: p.reason }),
      ),
      on(ScriptStalled, (p, h) =>
        project(h, p.sfc_id, {
          kind: 'stalled',
          at: new Date(h.envelope.occurredAt),
          silentForSeconds: p.silent_for_seconds,
        }),
      ),
    ],
  };
}

/** The scripts service refused the run after all (accounts changed between activation and planning). */
export function runRejectionsSubscription(): SubscriptionSpec {
  return {
    name: 'script_run_rejections',
    handlers: [
      on(ScriptRunRejected, (p, h) =>
        project(
          h,
          p.sfc_id,
          { kind: 'rejected', at: new Date(h.envelope.occurredAt), problems: p.problems },
          { problems: p.problems.map((text) => ({ chatId: null, reason: 'rejected', text })) },
        ),
      ),
    ],
  };
}
