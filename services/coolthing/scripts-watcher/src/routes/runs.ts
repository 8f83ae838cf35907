import { defineRoute, jsonBody, notFound, problems, requireRole, z } from '@switchyard/kit';
import type { Db } from '../db';
import * as q from '../repositories/queries';
import {
  ChatProgressSchema,
  EngagementSchema,
  iso,
  LineProgressSchema,
  Page,
  READERS,
  RUN_STATUSES,
  RunSchema,
  runView,
  SfcIdParam,
} from './schemas';

export interface Deps {
  db: Db;
}

const security = [{ bearer: [] }];

async function requireRun(db: Db, sfcId: string) {
  const run = await q.findRun(db, sfcId);
  if (!run) throw notFound('Run');
  return run;
}

export const listRunsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/runs',
      tags: ['runs'],
      summary: 'Run history with filters, newest first',
      security,
      request: {
        query: z.object({
          status: z.enum(RUN_STATUSES).optional(),
          campaignId: z.string().min(1).max(64).optional(),
          scriptId: z.string().min(1).max(64).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          ...Page,
        }),
      },
      responses: {
        200: jsonBody(
          z.object({
            items: z.array(RunSchema),
            total: z.number().int(),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
          'A page of runs',
        ),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      requireRole(c, ...READERS);
      const query = c.req.valid('query');
      const { items, total } = await q.history(deps.db, {
        ...query,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      });
      const counts = await q.countsOf(
        deps.db,
        items.map((r) => r.sfc_id),
      );
      return c.json(
        {
          items: items.map((r) => runView(r, counts.get(r.sfc_id)!)),
          total,
          limit: query.limit,
          offset: query.offset,
        },
        200,
      );
    },
  );

export const getRunRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/runs/{sfcId}',
      tags: ['runs'],
      summary: 'One run: status, line and engagement counts, problems, what it waits for',
      security,
      request: { params: SfcIdParam },
      responses: { 200: jsonBody(RunSchema, 'The run'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      requireRole(c, ...READERS);
      const run = await requireRun(deps.db, c.req.valid('param').sfcId);
      const counts = await q.countsOf(deps.db, [run.sfc_id]);
      return c.json(runView(run, counts.get(run.sfc_id)!), 200);
    },
  );

export const chatsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/runs/{sfcId}/chats',
      tags: ['runs'],
      summary: 'Progress per chat, with skip reasons (RU/EN)',
      security,
      request: { params: SfcIdParam },
      responses: {
        200: jsonBody(z.object({ items: z.array(ChatProgressSchema) }), 'Chats'),
        ...problems(400, 401, 403, 404),
      },
    },
    async (c) => {
      requireRole(c, ...READERS);
      const run = await requireRun(deps.db, c.req.valid('param').sfcId);
      const { chats, lines, engagement } = await q.chatsOf(deps.db, run.sfc_id);
      const items = chats.map((chat) => {
        const n = { planned: 0, sent: 0, skipped: 0, unconfirmed: 0 };
        for (const l of lines) if (l.chat_id === chat.chat_id) n[l.status] += Number(l.n);
        n.planned += n.sent + n.skipped + n.unconfirmed;
        const settled = n.sent + n.skipped + n.unconfirmed;
        const status = chat.skipped
          ? ('skipped' as const)
          : n.planned > 0 && settled >= n.planned
            ? ('done' as const)
            : settled > 0
              ? ('playing' as const)
              : ('pending' as const);
        return {
          chatId: chat.chat_id,
          title: chat.title,
          variant: chat.variant,
          status,
          skip: chat.skipped
            ? {
                reason: chat.reason ?? 'unknown_error',
                textEn: chat.reason_text_en,
                textRu: chat.reason_text_ru,
                onLine: chat.on_line,
              }
            : null,
          lines: n,
          engagement: Number(engagement.find((e) => e.chat_id === chat.chat_id)?.n ?? 0),
        };
      });
      return c.json({ items }, 200);
    },
  );

export const linesRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/runs/{sfcId}/lines',
      tags: ['runs'],
      summary: 'Progress per line: planned vs sent time, Telegram message id, skip reason',
      security,
      request: {
        params: SfcIdParam,
        query: z.object({
          chatId: z.string().min(1).max(64).optional(),
          status: z.enum(['planned', 'sent', 'skipped', 'unconfirmed']).optional(),
          ...Page,
        }),
      },
      responses: {
        200: jsonBody(
          z.object({
            items: z.array(LineProgressSchema),
            total: z.number().int(),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
          'Lines',
        ),
        ...problems(400, 401, 403, 404),
      },
    },
    async (c) => {
      requireRole(c, ...READERS);
      const run = await requireRun(deps.db, c.req.valid('param').sfcId);
      const query = c.req.valid('query');
      const { items, total } = await q.linesOf(deps.db, run.sfc_id, query);
      return c.json(
        {
          items: items.map((l) => ({
            chatId: l.chat_id,
            lineNo: l.line_no,
            role: l.role,
            accountId: l.account_id,
            text: l.text,
            status: l.status,
            plannedAt: iso(l.planned_at),
            sentAt: iso(l.sent_at),
            lateByMs:
              l.planned_at && l.sent_at
                ? new Date(l.sent_at).getTime() - new Date(l.planned_at).getTime()
                : null,
            telegramMessageId: l.telegram_message_id,
            replyToMessageId: l.reply_to_message_id,
            reason: l.reason,
          })),
          total,
          limit: query.limit,
          offset: query.offset,
        },
        200,
      );
    },
  );

export const engagementRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/runs/{sfcId}/engagement',
      tags: ['runs'],
      summary: 'Replies and messages by real members during and after the run',
      security,
      request: {
        params: SfcIdParam,
        query: z.object({ chatId: z.string().min(1).max(64).optional(), ...Page }),
      },
      responses: {
        200: jsonBody(
          z.object({
            items: z.array(EngagementSchema),
            total: z.number().int(),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
          'Engagement',
        ),
        ...problems(400, 401, 403, 404),
      },
    },
    async (c) => {
      requireRole(c, ...READERS);
      const run = await requireRun(deps.db, c.req.valid('param').sfcId);
      const query = c.req.valid('query');
      const { items, total } = await q.engagementOf(deps.db, run.sfc_id, query);
      return c.json(
        {
          items: items.map((e) => ({
            chatId: e.chat_id,
            kind: e.kind,
            memberId: e.member_id,
            telegramMessageId: e.telegram_message_id,
            replyToLineNo: e.reply_to_line_no,
            at: iso(e.at)!,
          })),
          total,
          limit: query.limit,
          offset: query.offset,
        },
        200,
      );
    },
  );
