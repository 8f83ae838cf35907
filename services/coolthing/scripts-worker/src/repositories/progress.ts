import {
  ChatSkipped,
  ScriptEngagement,
  ScriptFinished,
  ScriptLineSent,
  ScriptLineSkipped,
  ScriptLineUnconfirmed,
  ScriptStarted,
} from '@switchyard/contracts';
import type { Enqueue } from '@switchyard/bus';
import { sql, type Transaction } from '@switchyard/store';
import { skipReasonText, type SkipReason } from '@switchyard/telegram';
import type { Db, WorkerDB } from '../db';
import type { MemberMessage } from '../domain/engagement';
import type { Problem } from '../domain/outcome';
import type { LineRecord } from '../domain/progress';

type Tx = <T>(fn: (trx: Transaction<WorkerDB>, publish: Enqueue) => Promise<T>) => Promise<T>;

export interface RunRecord {
  firstStartedAt: Date;
  status: 'playing' | 'done' | 'stopped' | 'failed';
}

/** A line still `sending`: its worker died between the claim and the record. */
export interface ClaimedSend {
  chatId: string;
  lineNo: number;
  accountId: string;
  /** When the claim was written (database time). */
  claimedAt: Date;
  plannedAt: Date | null;
}

export interface Restored {
  run: RunRecord;
  /** Every line with a row, those still `sending` included (they are in `claimed` too). */
  lines: LineRecord[];
  skippedChats: { chatId: string; reason: string }[];
  unavailable: { accountId: string; reason: string }[];
  branchCounts: { chatId: string; branchId: string }[];
  /** Lines whose last worker died while sending them: to be checked against the chat. */
  claimed: ClaimedSend[];
}

export const reasonTexts = (reason: string) =>
  reason in skipReasonText
    ? skipReasonText[reason as SkipReason]
    : { en: reason.replace(/_/g, ' '), ru: reason.replace(/_/g, ' ') };

/**
 * The worker's record of a run. Every "it happened" row is written in the same transaction
 * as its event (outbox), so the database and what others were told never disagree.
 */
export class ProgressRepository {
  constructor(
    private readonly db: Db,
    private readonly tx: Tx,
    readonly runId: string,
  ) {}

  /**
   * Loads what earlier workers did. A line still `sending` means its worker died between the
   * claim and the record: it stays `sending` (in `claimed`) until the player has looked at
   * the chat (`recordSent`, `abandonSend` or `markUnconfirmed`). Branch answers caught the
   * same way become `unconfirmed` (a member is never answered twice).
   */
  async start(attempt: number, chats: { chat_id: string; title: string | null }[]): Promise<Restored> {
    const runId = this.runId;
    return this.tx(async (trx, publish) => {
      await trx
        .insertInto('runs')
        .values({ sfc_id: runId, attempts: attempt })
        .onConflict((oc) => oc.column('sfc_id').doUpdateSet({ attempts: attempt, updated_at: sql`now()` }))
        .execute();
      const run = await trx
        .selectFrom('runs')
        .select(['first_started_at', 'status'])
        .where('sfc_id', '=', runId)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('branch_answers')
        .set({ state: 'unconfirmed' })
        .where('sfc_id', '=', runId)
        .where('state', '=', 'sending')
        .execute();
      if (run.status === 'playing')
        await publish(ScriptStarted, {
          sfc_id: runId,
          chats: chats.slice(0, 500),
          started_at: new Date().toISOString(),
          attempt,
        });
      const [lines, skipped, unavailable, branches] = await Promise.all([
        trx.selectFrom('lines').selectAll().where('sfc_id', '=', runId).execute(),
        trx.selectFrom('skipped_chats').selectAll().where('sfc_id', '=', runId).execute(),
        trx.selectFrom('unavailable_accounts').selectAll().where('sfc_id', '=', runId).execute(),
        trx
          .selectFrom('branch_answers')
          .select(['chat_id', 'branch_id'])
          .where('sfc_id', '=', runId)
          .execute(),
      ]);
      const toRecord = (l: (typeof lines)[number]): LineRecord => ({
        chatId: l.chat_id,
        lineNo: l.line_no,
        accountId: l.account_id,
        state: l.state,
        telegramMessageId: l.telegram_message_id,
      });
      return {
        run: { firstStartedAt: new Date(run.first_started_at), status: run.status },
        lines: lines.map(toRecord),
        skippedChats: skipped.map((s) => ({ chatId: s.chat_id, reason: s.reason })),
        unavailable: unavailable.map((u) => ({ accountId: u.account_id, reason: u.reason })),
        branchCounts: branches.map((b) => ({ chatId: b.chat_id, branchId: b.branch_id })),
        claimed: lines
          .filter((l) => l.state === 'sending')
          .map((l) => ({
            chatId: l.chat_id,
            lineNo: l.line_no,
            accountId: l.account_id,
            claimedAt: new Date(l.attempted_at),
            plannedAt: l.planned_at === null ? null : new Date(l.planned_at),
          })),
      };
    });
  }

  /**
   * Claims the line right before it is sent. False when a row exists already (another worker
   * of this run got there first): the line must not be sent.
   */
  async beginSend(line: {
    chatId: string;
    lineNo: number;
    accountId: string;
    plannedAt: Date;
  }): Promise<boolean> {
    const row = await this.db
      .insertInto('lines')
      .values({
        sfc_id: this.runId,
        chat_id: line.chatId,
        line_no: line.lineNo,
        account_id: line.accountId,
        state: 'sending',
        planned_at: line.plannedAt,
      })
      .onConflict((oc) => oc.columns(['sfc_id', 'chat_id', 'line_no']).doNothing())
      .returning('line_no')
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Releases a claim: Telegram refused the send, or the chat shows that it never arrived.
   * Nothing went out; the line may be tried again.
   */
  async abandonSend(chatId: string, lineNo: number): Promise<void> {
    await this.db
      .deleteFrom('lines')
      .where('sfc_id', '=', this.runId)
      .where('chat_id', '=', chatId)
      .where('line_no', '=', lineNo)
      .where('state', '=', 'sending')
      .execute();
  }

  async recordSent(sent: {
    chatId: string;
    lineNo: number;
    accountId: string;
    telegramMessageId: number;
    replyToMessageId: number | null;
    plannedAt: Date;
    sentAt: Date;
    text: string;
  }): Promise<void> {
    await this.tx(async (trx, publish) => {
      await trx
        .updateTable('lines')
        .set({
          state: 'sent',
          telegram_message_id: sent.telegramMessageId,
          reply_to_message_id: sent.replyToMessageId,
          sent_at: sent.sentAt,
        })
        .where('sfc_id', '=', this.runId)
        .where('chat_id', '=', sent.chatId)
        .where('line_no', '=', sent.lineNo)
        .execute();
      await publish(ScriptLineSent, {
        sfc_id: this.runId,
        chat_id: sent.chatId,
        line_no: sent.lineNo,
        account_id: sent.accountId,
        telegram_message_id: sent.telegramMessageId,
        reply_to_message_id: sent.replyToMessageId,
        planned_at: sent.plannedAt.toISOString(),
        sent_at: sent.sentAt.toISOString(),
        text: sent.text.slice(0, 4096),
      });
    });
  }

  /** Nobody can tell whether the send reached Telegram: the line is reported and never resent. */
  async markUnconfirmed(
    chatId: string,
    lineNo: number,
    accountId: string,
    attemptedAt: Date,
    reason = 'no answer from Telegram',
  ): Promise<void> {
    await this.tx(async (trx, publish) => {
      await trx
        .updateTable('lines')
        .set({ state: 'unconfirmed', reason })
        .where('sfc_id', '=', this.runId)
        .where('chat_id', '=', chatId)
        .where('line_no', '=', lineNo)
        .execute();
      await publish(ScriptLineUnconfirmed, {
        sfc_id: this.runId,
        chat_id: chatId,
        line_no: lineNo,
        account_id: accountId,
        attempted_at: attemptedAt.toISOString(),
      });
    });
  }

  async skipLine(line: { chatId: string; lineNo: number; accountId: string; reason: string }): Promise<void> {
    const texts = reasonTexts(line.reason);
    await this.tx(async (trx, publish) => {
      const row = await trx
        .insertInto('lines')
        .values({
          sfc_id: this.runId,
          chat_id: line.chatId,
          line_no: line.lineNo,
          account_id: line.accountId,
          state: 'skipped',
          reason: line.reason,
        })
        .onConflict((oc) => oc.columns(['sfc_id', 'chat_id', 'line_no']).doNothing())
        .returning('line_no')
        .executeTakeFirst();
      if (row)
        await publish(ScriptLineSkipped, {
          sfc_id: this.runId,
          chat_id: line.chatId,
          line_no: line.lineNo,
          account_id: line.accountId,
          reason: line.reason,
          reason_text_en: texts.en,
          reason_text_ru: texts.ru,
        });
    });
  }

  async skipChat(chat: {
    chatId: string;
    title: string | null;
    onLine: number | null;
    reason: string;
  }): Promise<void> {
    const texts = reasonTexts(chat.reason);
    await this.tx(async (trx, publish) => {
      const row = await trx
        .insertInto('skipped_chats')
        .values({ sfc_id: this.runId, chat_id: chat.chatId, reason: chat.reason, on_line: chat.onLine })
        .onConflict((oc) => oc.columns(['sfc_id', 'chat_id']).doNothing())
        .returning('chat_id')
        .executeTakeFirst();
      if (row)
        await publish(ChatSkipped, {
          sfc_id: this.runId,
          chat_id: chat.chatId,
          chat_title: chat.title,
          on_line: chat.onLine,
          reason: chat.reason,
          reason_text_en: texts.en,
          reason_text_ru: texts.ru,
        });
    });
  }

  async accountUnavailable(accountId: string, reason: string): Promise<void> {
    await this.db
      .insertInto('unavailable_accounts')
      .values({ sfc_id: this.runId, account_id: accountId, reason })
      .onConflict((oc) => oc.columns(['sfc_id', 'account_id']).doNothing())
      .execute();
  }

  /** Counts a member's message once (all accounts see it), publishing ScriptEngagement with it. */
  async memberMessage(m: MemberMessage): Promise<boolean> {
    return this.tx(async (trx, publish) => {
      const row = await trx
        .insertInto('member_messages')
        .values({
          sfc_id: this.runId,
          chat_id: m.chatId,
          telegram_message_id: m.telegramMessageId,
          member_id: m.memberId,
          kind: m.kind,
          reply_to_line_no: m.replyToLineNo,
          at: m.at,
        })
        .onConflict((oc) => oc.columns(['sfc_id', 'chat_id', 'telegram_message_id']).doNothing())
        .returning('telegram_message_id')
        .executeTakeFirst();
      if (!row) return false;
      await publish(ScriptEngagement, {
        sfc_id: this.runId,
        chat_id: m.chatId,
        kind: m.kind,
        member_id: m.memberId.slice(0, 64),
        telegram_message_id: m.telegramMessageId,
        reply_to_line_no: m.replyToLineNo,
        at: m.at.toISOString(),
      });
      return true;
    });
  }

  /** Claims the answer to one member message; false when it was answered (or tried) before. */
  async beginBranchAnswer(a: {
    chatId: string;
    triggerMessageId: number;
    branchId: string;
    accountId: string;
  }): Promise<boolean> {
    const row = await this.db
      .insertInto('branch_answers')
      .values({
        sfc_id: this.runId,
        chat_id: a.chatId,
        trigger_message_id: a.triggerMessageId,
        branch_id: a.branchId,
        account_id: a.accountId,
        state: 'sending',
      })
      .onConflict((oc) => oc.columns(['sfc_id', 'chat_id', 'trigger_message_id']).doNothing())
      .returning('trigger_message_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async endBranchAnswer(
    chatId: string,
    triggerMessageId: number,
    outcome: { state: 'sent'; telegramMessageId: number } | { state: 'skipped' | 'unconfirmed' },
  ): Promise<void> {
    await this.db
      .updateTable('branch_answers')
      .set({
        state: outcome.state,
        telegram_message_id: outcome.state === 'sent' ? outcome.telegramMessageId : null,
      })
      .where('sfc_id', '=', this.runId)
      .where('chat_id', '=', chatId)
      .where('trigger_message_id', '=', triggerMessageId)
      .execute();
  }

  async finish(status: 'done' | 'stopped' | 'failed', problems: Problem[]): Promise<void> {
    await this.tx(async (trx, publish) => {
      const row = await trx
        .updateTable('runs')
        .set({ status, finished_at: sql`now()`, updated_at: sql`now()` })
        .where('sfc_id', '=', this.runId)
        .where('status', '=', 'playing')
        .returning('sfc_id')
        .executeTakeFirst();
      if (row)
        await publish(ScriptFinished, {
          sfc_id: this.runId,
          status,
          finished_at: new Date().toISOString(),
          problems,
        });
    });
  }
}
