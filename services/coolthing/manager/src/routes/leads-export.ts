import { defineRoute, problems, z } from '@switchyard/kit';
import type { LeadRow } from '../db';
import { CSV_BOM, csvRow } from '../domain/csv';
import { listLeads } from '../repositories/leads';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { leadFilter, LeadFilterQuery } from './lead-filters';

const HEADER = [
  'id',
  'created_at',
  'status',
  'status_reason',
  'campaign_id',
  'account_id',
  'user_id',
  'username',
  'first_name',
  'last_name',
  'source_chat',
  'message',
  'matched_keywords',
  'notes',
  'tags',
  'contacted_at',
  'replied_at',
];

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : '');

const rowOf = (r: LeadRow) =>
  csvRow([
    r.id,
    iso(r.created_at),
    r.status,
    r.status_reason,
    r.campaign_id,
    r.account_id,
    r.user_id,
    r.username,
    r.first_name,
    r.last_name,
    r.source_chat_title ?? r.source_chat_id,
    r.source_message,
    r.matched_keywords.join('; '),
    r.notes,
    r.tags.join('; '),
    iso(r.contacted_at),
    iso(r.replied_at),
  ]);

const PAGE = 500;

export const exportLeadsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/leads/export.csv',
      tags: ['leads'],
      summary:
        'The filtered leads as CSV (UTF-8 with BOM), streamed page by page; cells that look like formulas are ' +
        'prefixed with an apostrophe',
      security,
      request: { query: z.object(LeadFilterQuery) },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV' },
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'operate');
      const filter = leadFilter(c.req.valid('query'));
      const max = deps.config.MANAGER_EXPORT_MAX_ROWS;
      let after: string | undefined;
      let sent = 0;
      let started = false;
      const encoder = new TextEncoder();
      // Each page is its own short query: no transaction stays open while the client reads.
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (!started) {
            started = true;
            controller.enqueue(encoder.encode(CSV_BOM + csvRow(HEADER)));
            return;
          }
          const limit = Math.min(PAGE, max - sent);
          const rows =
            limit > 0 ? await listLeads(deps.db, filter, { limit, ...(after ? { after } : {}) }) : [];
          if (rows.length > 0) {
            controller.enqueue(encoder.encode(rows.map(rowOf).join('')));
            sent += rows.length;
            after = rows.at(-1)!.id;
          }
          if (rows.length < limit || limit <= 0) controller.close();
        },
      });
      const day = new Date().toISOString().slice(0, 10);
      return c.body(stream, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="leads-${day}.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
    },
  );
