import { defineRoute, jsonBody, notFound, problems, requireRole } from '@switchyard/kit';
import type { Db } from '../db';
import { deliveriesOf, findAlert } from '../repositories/alerts';
import { AlertIdParam, AlertSchema, alertView, READERS, security } from './schemas';

export const getAlertRoute = (deps: { db: Db }) =>
  defineRoute(
    {
      method: 'get',
      path: '/alerts/{id}',
      tags: ['alerts'],
      summary: 'One alert with its texts and where it was delivered',
      security,
      request: { params: AlertIdParam },
      responses: { 200: jsonBody(AlertSchema, 'The alert'), ...problems(401, 403, 404) },
    },
    async (c) => {
      requireRole(c, ...READERS);
      const { id } = c.req.valid('param');
      const row = await findAlert(deps.db, id);
      if (!row) throw notFound('Alert');
      return c.json(alertView(row, await deliveriesOf(deps.db, [row.id])), 200);
    },
  );
