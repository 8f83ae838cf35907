import { defineRoute, jsonBody, jsonInput, notFound, problems, z } from '@switchyard/kit';
import { MAX_RUN_CHATS } from '../domain/activation';
import type { RunControl } from '../domain/run-status';
import { RUN_STATUSES } from '../domain/types';
import { findRun, listRuns } from '../repositories/runs';
import { Id, IdParam, pageOf, PageQuery } from '../views/common';
import { RunDetailSchema, RunSchema, runDetailView, runView } from '../views/runs';
import { allow, security } from './auth';
import type { Deps } from './deps';

const tags = ['script runs'];

const RunProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  role: z.number().int().optional(),
  accountId: z.string().optional(),
  chatId: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});

export const listRunsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/script-runs',
      tags,
      summary: 'Script runs (SFC), newest first, by campaign, script, status or account',
      security,
      request: {
        query: z.object({
          campaignId: z.string().max(64).optional(),
          scriptId: z.string().max(64).optional(),
          status: z.enum(RUN_STATUSES).optional(),
          accountId: z.string().max(64).optional(),
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonBody(pageOf(RunSchema, 'ScriptRunPage'), 'A page of runs'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'read');
      const { limit, offset, ...filter } = c.req.valid('query');
      const page = await listRuns(deps.db, filter, { limit, offset });
      return c.json({ ...page, items: page.items.map(runView) }, 200);
    },
  );

export const getRunRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/script-runs/{id}',
      tags,
      summary: 'One run with the script it plays',
      security,
      request: { params: IdParam },
      responses: { 200: jsonBody(RunDetailSchema, 'The run'), ...problems(401, 403, 404) },
    },
    async (c) => {
      allow(c, 'read');
      const row = await findRun(deps.db, c.req.valid('param').id);
      if (!row) throw notFound('Script run');
      return c.json(runDetailView(row), 200);
    },
  );

export const activateRunRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/script-runs',
      tags,
      summary: 'Activate a script in a campaign: everything is checked, then NewActiveScript is published',
      description:
        'Refused (422, nothing stored, nothing published) for: an unknown or invalid script, a campaign that is ' +
        'not a scripts campaign, a chat without recorded permission, a role without an account or a mapping to a ' +
        'role the script does not have, an account mapped twice, a banned, stopped, paused or flood-waiting account, ' +
        'an account already playing in another run, and names the script needs but an account lacks.',
      security,
      request: jsonInput(
        z
          .strictObject({
            scriptId: Id,
            campaignId: Id,
            /** Role index → account id, for example `{"1": "…", "2": "…"}`. */
            mapping: z
              .record(z.string().regex(/^[1-9]\d?$/, 'a role index (1-20)'), Id)
              .refine((m) => Object.keys(m).length <= 20, 'at most 20 roles'),
            /** Registry chat ids; the campaign's target chats when left out. */
            chatIds: z.array(Id).min(1).max(MAX_RUN_CHATS).optional(),
            /** Fixes the run's randomness (texts, delays, A/B groups); random when left out. */
            seed: z.string().trim().min(1).max(64).optional(),
          })
          .openapi('ScriptRunInput'),
      ),
      responses: {
        201: jsonBody(RunSchema, 'Queued; the scripts service plans it'),
        ...problems(400, 401, 403),
        422: {
          description: 'Refused, with every problem',
          content: {
            'application/problem+json': {
              schema: z.object({
                title: z.string(),
                status: z.number(),
                detail: z.string(),
                problems: z.array(RunProblemSchema),
              }),
            },
          },
        },
      },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const run = await deps.runs.activate(actor, c.req.valid('json'));
      return c.json(runView(run), 201);
    },
  );

const controlRoute = (action: RunControl, summary: string) => (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: `/script-runs/{id}/${action}`,
      tags,
      summary,
      security,
      request: { params: IdParam },
      responses: {
        200: jsonBody(RunSchema, 'The run; ScriptRunControl is on its way to the worker'),
        ...problems(401, 403, 404, 409),
      },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const run = await deps.runs.control(actor, c.req.valid('param').id, action);
      return c.json(runView(run), 200);
    },
  );

export const stopRunRoute = controlRoute('stop', 'Stop a run for good (recorded as stopped at once)');
export const pauseRunRoute = controlRoute('pause', 'Pause a run');
export const resumeRunRoute = controlRoute('resume', 'Resume a paused run');
