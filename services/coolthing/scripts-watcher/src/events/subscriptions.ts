import {
  ChatSkipped,
  ScriptCrashed,
  ScriptEngagement,
  ScriptFinished,
  ScriptHeartbeat,
  ScriptLineSent,
  ScriptLineSkipped,
  ScriptLineUnconfirmed,
  ScriptRunPlanned,
  ScriptRunRejected,
  ScriptStarted,
} from '@switchyard/contracts';
import { on, type SubscriptionSpec } from '@switchyard/kit';
import type { Transaction } from '@switchyard/store';
import type { PlanReader } from '../adapters/plans-http';
import type { WatcherDB } from '../db';
import * as p from '../repositories/projection';

/**
 * Planned and rejected runs. Not transactional: a planned run's lines are read from the
 * scripts service over HTTP first, then written in one short transaction.
 */
export function plansSubscription(deps: {
  plans: PlanReader;
  transaction(fn: (trx: Transaction<WatcherDB>) => Promise<void>): Promise<void>;
}): SubscriptionSpec {
  return {
    name: 'plans',
    transactional: false,
    handlers: [
      on(ScriptRunPlanned, async (event) => {
        const run = await deps.plans.plan(event.sfc_id);
        await deps.transaction(async (trx) => {
          if (run) await p.planned(trx, run);
          else
            await p.planned(trx, {
              sfcId: event.sfc_id,
              campaignId: null,
              scriptId: null,
              maxGapMs: null,
              chats: [],
              lines: [],
            });
        });
      }),
      on(ScriptRunRejected, async (event) => {
        await deps.transaction((trx) => p.rejected(trx, event.sfc_id, event.problems));
      }),
    ],
  };
}

/** The workers' progress (and the watchdog's crash verdicts), each in the transaction that marks it handled. */
export function progressSubscription(): SubscriptionSpec {
  return {
    name: 'progress',
    handlers: [
      on(ScriptStarted, async (e, ctx) => {
        await p.started(
          ctx.tx<WatcherDB>(),
          e.sfc_id,
          e.attempt,
          new Date(e.started_at),
          e.chats.map((c) => ({ chatId: c.chat_id, title: c.title })),
        );
      }),
      on(ScriptLineSent, async (e, ctx) => {
        const trx = ctx.tx<WatcherDB>();
        await p.line(trx, {
          sfcId: e.sfc_id,
          chatId: e.chat_id,
          lineNo: e.line_no,
          accountId: e.account_id,
          status: 'sent',
          text: e.text,
          plannedAt: new Date(e.planned_at),
          sentAt: new Date(e.sent_at),
          telegramMessageId: e.telegram_message_id,
          replyToMessageId: e.reply_to_message_id,
        });
        await p.progressed(trx, e.sfc_id, new Date(e.sent_at));
      }),
      on(ScriptLineSkipped, async (e, ctx) => {
        const trx = ctx.tx<WatcherDB>();
        await p.line(trx, {
          sfcId: e.sfc_id,
          chatId: e.chat_id,
          lineNo: e.line_no,
          accountId: e.account_id,
          status: 'skipped',
          reason: e.reason,
        });
        await p.progressed(trx, e.sfc_id, new Date(ctx.envelope.occurredAt));
      }),
      on(ScriptLineUnconfirmed, async (e, ctx) => {
        const trx = ctx.tx<WatcherDB>();
        await p.line(trx, {
          sfcId: e.sfc_id,
          chatId: e.chat_id,
          lineNo: e.line_no,
          accountId: e.account_id,
          status: 'unconfirmed',
          reason: 'may have been sent just before a worker crash; not resent',
        });
        await p.progressed(trx, e.sfc_id, new Date(ctx.envelope.occurredAt));
      }),
      on(ChatSkipped, async (e, ctx) => {
        const trx = ctx.tx<WatcherDB>();
        await p.chatSkipped(trx, {
          sfcId: e.sfc_id,
          chatId: e.chat_id,
          title: e.chat_title,
          onLine: e.on_line,
          reason: e.reason,
          en: e.reason_text_en,
          ru: e.reason_text_ru,
        });
        await p.progressed(trx, e.sfc_id, new Date(ctx.envelope.occurredAt));
      }),
      on(ScriptHeartbeat, async (e, ctx) => {
        await p.progressed(ctx.tx<WatcherDB>(), e.sfc_id, new Date(e.at), {
          status: e.state === 'paused' ? 'paused' : 'running',
          waiting: { reason: e.reason, until: e.until ? new Date(e.until) : null },
        });
      }),
      on(ScriptEngagement, async (e, ctx) => {
        const trx = ctx.tx<WatcherDB>();
        await p.engagement(trx, {
          eventId: ctx.envelope.id,
          sfcId: e.sfc_id,
          chatId: e.chat_id,
          kind: e.kind,
          memberId: e.member_id,
          telegramMessageId: e.telegram_message_id,
          replyToLineNo: e.reply_to_line_no,
          at: new Date(e.at),
        });
        await p.progressed(trx, e.sfc_id, new Date(ctx.envelope.occurredAt));
      }),
      on(ScriptFinished, async (e, ctx) => {
        await p.finished(ctx.tx<WatcherDB>(), e.sfc_id, e.status, new Date(e.finished_at), e.problems);
      }),
      on(ScriptCrashed, async (e, ctx) => {
        await p.crashed(ctx.tx<WatcherDB>(), e.sfc_id, e.reason);
      }),
    ],
  };
}
