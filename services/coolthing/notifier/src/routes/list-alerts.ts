import { badRequest, defineRoute, jsonBody, problems, requireRole, z } from '@switchyard/kit';
import type { Db } from '../db';
import { CursorError, decodeCursor, encodeCursor } from '../domain/cursor';
import { ALERT_STATUSES, ALERT_TYPES, SEVERITIES } from '../domain/types';
import { deliveriesOf, listAlerts } from '../repositories/alerts';
import { AlertSchema, alertView, READERS, security } from './schemas';

/** `a,b` or repeated: a list of allowed values. */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(values)).min(1))
    .optional();

export const listAlertsRoute = (deps: { db: Db }) =>
  defineRoute(
    {
      method: 'get',
      path: '/alerts',
      tags: ['alerts'],
      summary: 'The alert log, newest first, with filters and cursor pagination',
      security,
      request: {
        query: z.object({
          type: listOf(ALERT_TYPES),
          severity: listOf(SEVERITIES),
          status: listOf(ALERT_STATUSES),
          acknowledged: z.enum(['true', 'false']).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(200).optional(),
          deliveries: z.enum(['true', 'false']).default('false'),
        }),
      },
      responses: {
        200: jsonBody(
          z.object({ items: z.array(AlertSchema), nextCursor: z.string().nullable() }),
          'A page of alerts',
        ),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      requireRole(c, ...READERS);
      const q = c.req.valid('query');
      let before;
      try {
        before = q.cursor ? decodeCursor(q.cursor) : undefined;
      } catch (err) {
        if (err instanceof CursorError) throw badRequest(err.message);
        throw err;
      }
      const rows = await listAlerts(
        deps.db,
        {
          types: q.type,
          severities: q.severity,
          statuses: q.status,
          acknowledged: q.acknowledged === undefined ? undefined : q.acknowledged === 'true',
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          before,
        },
        q.limit,
      );
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > q.limit && last
          ? encodeCursor({ createdAt: new Date(last.created_at), id: last.id })
          : null;
      const deliveries =
        q.deliveries === 'true'
          ? await deliveriesOf(
              deps.db,
              page.map((r) => r.id),
            )
          : null;
      return c.json(
        {
          items: page.map((r) =>
            alertView(r, deliveries ? deliveries.filter((d) => d.alert_id === r.id) : undefined),
          ),
          nextCursor,
        },
        200,
      );
    },
  );
