import { defineRoute, jsonBody, notFound, problems, requireRole, z } from '@switchyard/kit';
import { runPlanSchema } from '@switchyard/coolthing-script';
import { findRun, listRuns } from '../repositories/runs';
import type { Deps } from './deps';
import { READERS, RunSummarySchema, SfcIdParam, summaryOf } from './schemas';

/** How the service decided on one activation, with the plan when there is one. */
export const getRunRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/runs/{sfcId}',
      tags: ['runs'],
      summary: 'A run: planned (with its plan) or rejected (with the problems)',
      security: [{ bearer: [] }],
      request: { params: SfcIdParam },
      responses: {
        200: jsonBody(RunSummarySchema.extend({ plan: runPlanSchema.nullable() }), 'The run'),
        ...problems(400, 401, 403, 404),
      },
    },
    async (c) => {
      requireRole(c, ...READERS);
      const run = await findRun(deps.db, c.req.valid('param').sfcId);
      if (!run) throw notFound('Run');
      return c.json({ ...summaryOf(run), plan: run.plan }, 200);
    },
  );

export const listRunsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/runs',
      tags: ['runs'],
      summary: 'Runs this service planned or rejected, newest first',
      security: [{ bearer: [] }],
      request: {
        query: z.object({
          status: z.enum(['planned', 'rejected']).optional(),
          campaignId: z.string().min(1).max(64).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
      },
      responses: {
        200: jsonBody(
          z.object({
            items: z.array(RunSummarySchema),
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
      const q = c.req.valid('query');
      const { items, total } = await listRuns(deps.db, q);
      return c.json({ items: items.map(summaryOf), total, limit: q.limit, offset: q.offset }, 200);
    },
  );
