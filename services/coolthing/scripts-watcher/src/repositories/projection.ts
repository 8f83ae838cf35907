// Writes of the run projection. Events arrive on two exchanges and may come in any order
// (a line before its plan, a heartbeat after the end): every write is an upsert that never
// moves a finished run back, and a line's first known planned time is kept.
import { sql, type Transaction } from '@switchyard/store';
import { TERMINAL, type RunStatus, type WatcherDB } from '../db';

type Trx = Transaction<WatcherDB>;

export interface PlannedRun {
  sfcId: string;
  campaignId: string | null;
  scriptId: string | null;
  maxGapMs: number | null;
  chats: { chatId: string; title: string; variant: string | null }[];
  lines: {
    chatId: string;
    lineNo: number;
    role: number;
    accountId: string;
    text: string;
    plannedAt: Date;
  }[];
}

const json = (v: unknown) => JSON.stringify(v);

/** Creates the run row if this is the first we hear of it. */
async function ensureRun(trx: Trx, sfcId: string, status: RunStatus = 'planned'): Promise<void> {
  await trx
    .insertInto('runs')
    .values({ sfc_id: sfcId, status })
    .onConflict((oc) => oc.column('sfc_id').doNothing())
    .execute();
}

/** Progress: the run is alive (a stall ends; a pause ends unless this is a pause). */
export async function progressed(
  trx: Trx,
  sfcId: string,
  at: Date,
  next: { status?: RunStatus; waiting?: { reason: string | null; until: Date | null } } = {},
): Promise<void> {
  await ensureRun(trx, sfcId, next.status ?? 'running');
  await trx
    .updateTable('runs')
    .set({
      last_progress_at: sql`GREATEST(COALESCE(last_progress_at, ${at}), ${at})`,
      stalled_at: null,
      status: sql`CASE WHEN status IN ('planned', 'stalled', 'paused', 'running') THEN ${next.status ?? 'running'} ELSE status END`,
      ...(next.waiting
        ? { waiting_reason: next.waiting.reason, waiting_until: next.waiting.until }
        : { waiting_reason: null, waiting_until: null }),
      updated_at: sql`now()`,
    })
    .where('sfc_id', '=', sfcId)
    .execute();
}

export async function planned(trx: Trx, run: PlannedRun): Promise<void> {
  await trx
    .insertInto('runs')
    .values({
      sfc_id: run.sfcId,
      status: 'planned',
      campaign_id: run.campaignId,
      script_id: run.scriptId,
      chats: run.chats.length,
      lines: run.lines.length,
      max_gap_ms: run.maxGapMs,
    })
    .onConflict((oc) =>
      oc.column('sfc_id').doUpdateSet({
        campaign_id: run.campaignId,
        script_id: run.scriptId,
        chats: run.chats.length,
        lines: run.lines.length,
        max_gap_ms: run.maxGapMs,
        updated_at: sql`now()`,
      }),
    )
    .execute();
  for (const chat of run.chats)
    await trx
      .insertInto('run_chats')
      .values({ sfc_id: run.sfcId, chat_id: chat.chatId, title: chat.title || null, variant: chat.variant })
      .onConflict((oc) =>
        oc.columns(['sfc_id', 'chat_id']).doUpdateSet({ title: chat.title || null, variant: chat.variant }),
      )
      .execute();
  // Batches keep a 500-chat run from becoming thousands of statements.
  for (let i = 0; i < run.lines.length; i += 200) {
    const batch = run.lines.slice(i, i + 200);
    await trx
      .insertInto('run_lines')
      .values(
        batch.map((l) => ({
          sfc_id: run.sfcId,
          chat_id: l.chatId,
          line_no: l.lineNo,
          role: l.role,
          account_id: l.accountId,
          text: l.text,
          planned_at: l.plannedAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['sfc_id', 'chat_id', 'line_no']).doUpdateSet((eb) => ({
          role: eb.ref('excluded.role'),
          account_id: eb.ref('excluded.account_id'),
          text: sql`COALESCE(run_lines.text, excluded.text)`,
          planned_at: sql`COALESCE(run_lines.planned_at, excluded.planned_at)`,
        })),
      )
      .execute();
  }
}

export async function rejected(trx: Trx, sfcId: string, problems: string[]): Promise<void> {
  await ensureRun(trx, sfcId, 'rejected');
  await trx
    .updateTable('runs')
    .set({
      status: 'rejected',
      problems: json(problems.map((text) => ({ chat_id: null, reason: 'rejected', text }))),
      finished_at: sql`COALESCE(finished_at, now())`,
      updated_at: sql`now()`,
    })
    .where('sfc_id', '=', sfcId)
    .execute();
}

export async function started(
  trx: Trx,
  sfcId: string,
  attempt: number,
  at: Date,
  chats: { chatId: string; title: string | null }[],
) {
  await progressed(trx, sfcId, at);
  await trx
    .updateTable('runs')
    .set({
      attempt: sql`GREATEST(attempt, ${attempt})`,
      started_at: sql`COALESCE(started_at, ${at})`,
      chats: sql`GREATEST(chats, ${chats.length})`,
    })
    .where('sfc_id', '=', sfcId)
    .execute();
  for (const chat of chats)
    await trx
      .insertInto('run_chats')
      .values({ sfc_id: sfcId, chat_id: chat.chatId, title: chat.title })
      .onConflict((oc) => oc.columns(['sfc_id', 'chat_id']).doNothing())
      .execute();
}

export async function line(
  trx: Trx,
  l: {
    sfcId: string;
    chatId: string;
    lineNo: number;
    accountId: string;
    status: 'sent' | 'skipped' | 'unconfirmed';
    text?: string;
    plannedAt?: Date;
    sentAt?: Date;
    telegramMessageId?: number;
    replyToMessageId?: number | null;
    reason?: string;
  },
): Promise<void> {
  const fields = {
    account_id: l.accountId,
    status: l.status,
    ...(l.text === undefined ? {} : { text: l.text }),
    ...(l.plannedAt === undefined ? {} : { planned_at: l.plannedAt }),
    ...(l.sentAt === undefined ? {} : { sent_at: l.sentAt }),
    ...(l.telegramMessageId === undefined ? {} : { telegram_message_id: l.telegramMessageId }),
    ...(l.replyToMessageId === undefined ? {} : { reply_to_message_id: l.replyToMessageId }),
    ...(l.reason === undefined ? {} : { reason: l.reason }),
  };
  await trx
    .insertInto('run_lines')
    .values({ sfc_id: l.sfcId, chat_id: l.chatId, line_no: l.lineNo, ...fields })
    .onConflict((oc) =>
      oc
        .columns(['sfc_id', 'chat_id', 'line_no'])
        .doUpdateSet(fields)
        // A sent line stays sent whatever arrives after it.
        .where('run_lines.status', '!=', 'sent'),
    )
    .execute();
}

export async function chatSkipped(
  trx: Trx,
  c: {
    sfcId: string;
    chatId: string;
    title: string | null;
    onLine: number | null;
    reason: string;
    en: string;
    ru: string;
  },
): Promise<void> {
  await trx
    .insertInto('run_chats')
    .values({
      sfc_id: c.sfcId,
      chat_id: c.chatId,
      title: c.title,
      skipped: true,
      reason: c.reason,
      reason_text_en: c.en,
      reason_text_ru: c.ru,
      on_line: c.onLine,
    })
    .onConflict((oc) =>
      oc.columns(['sfc_id', 'chat_id']).doUpdateSet({
        skipped: true,
        reason: c.reason,
        reason_text_en: c.en,
        reason_text_ru: c.ru,
        on_line: c.onLine,
      }),
    )
    .execute();
  await trx
    .updateTable('run_lines')
    .set({ status: 'skipped', reason: c.reason })
    .where('sfc_id', '=', c.sfcId)
    .where('chat_id', '=', c.chatId)
    .where('status', '=', 'planned')
    .execute();
}

export async function engagement(
  trx: Trx,
  e: {
    eventId: string;
    sfcId: string;
    chatId: string;
    kind: string;
    memberId: string;
    telegramMessageId: number | null;
    replyToLineNo: number | null;
    at: Date;
  },
): Promise<void> {
  await ensureRun(trx, e.sfcId, 'running');
  await trx
    .insertInto('engagements')
    .values({
      event_id: e.eventId,
      sfc_id: e.sfcId,
      chat_id: e.chatId,
      kind: e.kind,
      member_id: e.memberId,
      telegram_message_id: e.telegramMessageId,
      reply_to_line_no: e.replyToLineNo,
      at: e.at,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function finished(
  trx: Trx,
  sfcId: string,
  status: 'done' | 'stopped' | 'failed',
  at: Date,
  problems: unknown[],
): Promise<void> {
  await ensureRun(trx, sfcId, status);
  await trx
    .updateTable('runs')
    .set({
      status,
      finished_at: at,
      problems: json(problems),
      waiting_reason: null,
      waiting_until: null,
      updated_at: sql`now()`,
    })
    .where('sfc_id', '=', sfcId)
    .where((eb) => eb.or([eb('status', 'not in', TERMINAL), eb('status', '=', status)]))
    .execute();
}

export async function crashed(trx: Trx, sfcId: string, reason: string): Promise<void> {
  await ensureRun(trx, sfcId, 'failed');
  await trx
    .updateTable('runs')
    .set({
      status: 'failed',
      finished_at: sql`COALESCE(finished_at, now())`,
      problems: json([{ chat_id: null, reason: 'worker_crashed', text: reason.slice(0, 500) }]),
      updated_at: sql`now()`,
    })
    .where('sfc_id', '=', sfcId)
    .where('status', 'not in', ['done', 'stopped', 'rejected'])
    .execute();
}
