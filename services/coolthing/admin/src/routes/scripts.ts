import { newId } from '@switchyard/bus';
import {
  countScriptVariants,
  validateScript,
  type Script,
  type ScriptError,
} from '@switchyard/coolthing-script';
import {
  conflict,
  defineRoute,
  HttpProblem,
  jsonBody,
  jsonInput,
  notFound,
  problems,
  z,
} from '@switchyard/kit';
import { recordAudit } from '../repositories/audit';
import { unfinishedRunOf } from '../repositories/runs';
import {
  findScript,
  insertScript,
  listScripts,
  replaceScript,
  softDeleteScript,
  type ScriptRow,
} from '../repositories/scripts';
import { IdParam, pageOf, PageQuery } from '../views/common';
import { ScriptBodySchema, ScriptSchema, ScriptSummarySchema, scriptSummaryView } from '../views/scripts';
import { allow, security } from './auth';
import type { Deps } from './deps';

const tags = ['scripts'];

/** 422 with every problem the engine found, each with its path and, inside texts, line and column. */
export function invalidScript(
  errors: readonly ScriptError[],
  warnings: readonly unknown[] = [],
): HttpProblem {
  return new HttpProblem(422, 'Invalid script', `The script has ${errors.length} problem(s).`, {
    type: 'https://switchyard.dev/problems/invalid-script',
    errors: errors.map((e) => ({
      path: `body.${e.path}`,
      message: `${e.line === undefined ? '' : `line ${e.line}${e.column === undefined ? '' : `, column ${e.column}`}: `}${e.message}`,
    })),
    issues: errors,
    warnings,
  });
}

/** The engine's verdict on a script a client sent: the parsed script, or a 422. */
export function validOrThrow(body: unknown): { script: Script; warnings: unknown[] } {
  const v = validateScript(body);
  if (!v.ok) throw invalidScript(v.errors, v.warnings);
  return { script: v.script, warnings: v.warnings };
}

export function scriptView(row: ScriptRow): z.infer<typeof ScriptSchema> {
  const v = validateScript(row.body);
  return {
    ...scriptSummaryView(row),
    script: row.body as Record<string, unknown>,
    warnings: v.warnings,
    variants: countScriptVariants(row.body as Script),
  };
}

export const listScriptsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/scripts',
      tags,
      summary: 'Scripts, newest first, with name search',
      security,
      request: {
        query: z.object({
          q: z.string().trim().min(1).max(100).optional(),
          language: z.enum(['ru', 'en']).optional(),
          ...PageQuery,
        }),
      },
      responses: {
        200: jsonBody(pageOf(ScriptSummarySchema, 'ScriptPage'), 'A page of scripts'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'read');
      const { limit, offset, ...filter } = c.req.valid('query');
      const page = await listScripts(deps.db, filter, { limit, offset });
      return c.json({ ...page, items: page.items.map(scriptSummaryView) }, 200);
    },
  );

export const getScriptRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/scripts/{id}',
      tags,
      summary: 'One script with its JSON, warnings and variant counts',
      security,
      request: { params: IdParam },
      responses: { 200: jsonBody(ScriptSchema, 'The script'), ...problems(401, 403, 404) },
    },
    async (c) => {
      allow(c, 'read');
      const row = await findScript(deps.db, c.req.valid('param').id);
      if (!row) throw notFound('Script');
      return c.json(scriptView(row), 200);
    },
  );

export const createScriptRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/scripts',
      tags,
      summary: 'Save a new script (refused with every problem, line and column, when invalid)',
      security,
      request: jsonInput(ScriptBodySchema),
      responses: { 201: jsonBody(ScriptSchema, 'Saved'), ...problems(400, 401, 403, 422) },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const { script } = validOrThrow(c.req.valid('json'));
      const id = newId();
      const row = await deps.transaction(async (trx) => {
        const created = await insertScript(
          trx,
          id,
          { script, variantsTotal: countScriptVariants(script).total },
          actor.id,
        );
        await recordAudit(trx, actor, {
          action: 'script.created',
          entityType: 'script',
          entityId: id,
          details: { name: script.name },
        });
        return created;
      });
      return c.json(scriptView(row), 201);
    },
  );

export const replaceScriptRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'put',
      path: '/scripts/{id}',
      tags,
      summary: 'Replace a script (a new version; runs keep the version they started with)',
      security,
      request: {
        params: IdParam,
        query: z.object({
          expectedVersion: z.coerce
            .number()
            .int()
            .min(1)
            .optional()
            .openapi({ description: '409 when the script changed meanwhile' }),
        }),
        ...jsonInput(ScriptBodySchema),
      },
      responses: {
        200: jsonBody(ScriptSchema, 'The new version'),
        ...problems(400, 401, 403, 404, 409, 422),
      },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const { id } = c.req.valid('param');
      const { expectedVersion } = c.req.valid('query');
      const { script } = validOrThrow(c.req.valid('json'));
      const row = await deps.transaction(async (trx) => {
        const current = await findScript(trx, id);
        if (!current) throw notFound('Script');
        const replaced = await replaceScript(
          trx,
          id,
          { script, variantsTotal: countScriptVariants(script).total },
          expectedVersion,
        );
        if (!replaced)
          throw conflict(`The script is at version ${current.version}, not ${expectedVersion}; reload it.`);
        await recordAudit(trx, actor, {
          action: 'script.updated',
          entityType: 'script',
          entityId: id,
          details: { version: replaced.version },
        });
        return replaced;
      });
      return c.json(scriptView(row), 200);
    },
  );

export const deleteScriptRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/scripts/{id}',
      tags,
      summary: 'Delete a script (soft: runs keep their copy)',
      security,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 409) },
    },
    async (c) => {
      const actor = allow(c, 'operate');
      const { id } = c.req.valid('param');
      await deps.transaction(async (trx) => {
        const run = await unfinishedRunOf(trx, { scriptId: id });
        if (run) throw conflict(`Run ${run} of this script has not ended; stop it first.`);
        if (!(await softDeleteScript(trx, id))) throw notFound('Script');
        await recordAudit(trx, actor, { action: 'script.deleted', entityType: 'script', entityId: id });
      });
      return c.body(null, 204);
    },
  );
