import { defineRoute, jsonBody, notFound, problems, requireRole } from '@switchyard/kit';
import { findWorker } from '../repositories/workers';
import { AccountIdParam, AccountWorkerSchema, READERS, view, type Deps } from './common';

export const getWorkerRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/workers/{accountId}',
      tags: ['workers'],
      summary: "An account's worker",
      security: [{ bearer: [] }],
      request: { params: AccountIdParam },
      responses: { 200: jsonBody(AccountWorkerSchema, 'The worker'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      requireRole(c, ...READERS);
      const row = await findWorker(deps.db, c.req.valid('param').accountId);
      if (!row) throw notFound('Account worker');
      return c.json(view(row), 200);
    },
  );
