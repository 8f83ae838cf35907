import { defineRoute, jsonBody, notFound, problems, requireRole } from '@switchyard/kit';
import type { Db } from '../db';
import { acknowledge, deliveriesOf } from '../repositories/alerts';
import { AlertIdParam, AlertSchema, alertView, security, WRITERS } from './schemas';

export const ackAlertRoute = (deps: { db: Db; clock: () => Date }) =>
  defineRoute(
    {
      method: 'post',
      path: '/alerts/{id}/ack',
      tags: ['alerts'],
      summary: 'Mark an alert acknowledged (the first acknowledgement is kept)',
      security,
      request: { params: AlertIdParam },
      responses: { 200: jsonBody(AlertSchema, 'The alert'), ...problems(401, 403, 404) },
    },
    async (c) => {
      const user = requireRole(c, ...WRITERS);
      const { id } = c.req.valid('param');
      const row = await acknowledge(deps.db, id, user.id, deps.clock());
      if (!row) throw notFound('Alert');
      return c.json(alertView(row, await deliveriesOf(deps.db, [row.id])), 200);
    },
  );
