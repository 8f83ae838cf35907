import { defineRoute, jsonBody, notFound, problems, requireInternal } from '@switchyard/kit';
import { findRun } from '../repositories/runs';
import type { Deps } from './deps';
import { RunPlanDocSchema, SfcIdParam } from './schemas';

/** The stored plan of a run, for its worker (fellow services only). */
export const internalPlanRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/runs/{sfcId}/plan',
      tags: ['internal'],
      summary: 'The run plan a scripts-worker plays (internal token only)',
      request: { params: SfcIdParam },
      responses: { 200: jsonBody(RunPlanDocSchema, 'The plan'), ...problems(400, 404) },
    },
    async (c) => {
      requireInternal(c);
      const run = await findRun(deps.db, c.req.valid('param').sfcId);
      if (!run || run.status !== 'planned' || !run.plan) throw notFound('Run plan');
      return c.json(
        {
          sfcId: run.sfcId,
          campaignId: run.campaignId,
          scriptId: run.scriptId,
          plan: run.plan,
          targets: run.targets,
          accounts: run.accounts,
          createdAt: run.createdAt.toISOString(),
        },
        200,
      );
    },
  );
