import {
  countScriptVariants,
  MAX_PREVIEW_COUNT,
  previewScript,
  scriptSchema,
  validateScript,
  type RenderContext,
  type Script,
} from '@switchyard/coolthing-script';
import { defineRoute, jsonBody, jsonInput, notFound, problems, z } from '@switchyard/kit';
import { findScript } from '../repositories/scripts';
import { IdParam } from '../views/common';
import { ScriptBodySchema, ScriptIssueSchema, VariantCountSchema } from '../views/scripts';
import { allow, security } from './auth';
import type { Deps } from './deps';
import { invalidScript } from './scripts';

const tags = ['scripts'];

const Profile = z.strictObject({
  first_name: z.string().max(64).optional(),
  last_name: z.string().max(64).optional(),
  username: z.string().max(33).optional(),
});

const PreviewOptions = {
  count: z.number().int().min(1).max(MAX_PREVIEW_COUNT).default(5),
  seed: z.union([z.string().max(100), z.number().int()]).default('preview'),
  context: z
    .strictObject({
      chatTitle: z.string().max(256).optional(),
      campaignName: z.string().max(200).optional(),
      roles: z.record(z.string().regex(/^\d{1,2}$/), Profile).optional(),
    })
    .optional(),
};

const PreviewSchema = z
  .object({
    valid: z.boolean(),
    errors: z.array(ScriptIssueSchema),
    warnings: z.array(ScriptIssueSchema),
    variants: VariantCountSchema,
    previews: z.array(
      z.object({
        index: z.number().int(),
        variant: z.string().nullable(),
        lines: z.array(
          z.object({
            line: z.number().int(),
            role: z.number().int(),
            roleName: z.string(),
            text: z.string(),
            replyTo: z.record(z.string(), z.unknown()),
          }),
        ),
      }),
    ),
  })
  .openapi('ScriptPreview');

type Options = { count: number; seed: string | number; context?: z.infer<typeof PreviewOptions.context> };

function contextOf(options: Options): RenderContext {
  const ctx = options.context;
  if (!ctx) return {};
  return {
    ...(ctx.chatTitle ? { chat: { title: ctx.chatTitle } } : {}),
    ...(ctx.campaignName ? { campaign: { name: ctx.campaignName } } : {}),
    ...(ctx.roles
      ? { roles: Object.fromEntries(Object.entries(ctx.roles).map(([k, v]) => [Number(k), v])) }
      : {}),
  };
}

function preview(script: Script, body: unknown, options: Options) {
  const validation = validateScript(body);
  return {
    valid: validation.ok,
    errors: validation.ok ? [] : validation.errors,
    warnings: validation.warnings,
    variants: countScriptVariants(script),
    previews: previewScript(script, {
      count: options.count,
      seed: options.seed,
      context: contextOf(options),
    }),
  };
}

export const previewSavedScriptRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/scripts/{id}/preview',
      tags,
      summary: 'Render a saved script N times (the same seed gives the same renderings)',
      security,
      request: { params: IdParam, ...jsonInput(z.strictObject(PreviewOptions)) },
      responses: { 200: jsonBody(PreviewSchema, 'Renderings'), ...problems(400, 401, 403, 404) },
    },
    async (c) => {
      allow(c, 'operate');
      const row = await findScript(deps.db, c.req.valid('param').id);
      if (!row) throw notFound('Script');
      return c.json(preview(row.body as Script, row.body, c.req.valid('json')), 200);
    },
  );

export const previewDraftScriptRoute = () =>
  defineRoute(
    {
      method: 'post',
      path: '/scripts/preview',
      tags,
      summary:
        'Validate and render an unsaved draft (spintax mistakes are listed and the rest still renders)',
      security,
      request: jsonInput(z.strictObject({ script: ScriptBodySchema, ...PreviewOptions })),
      responses: { 200: jsonBody(PreviewSchema, 'Problems and renderings'), ...problems(400, 401, 403, 422) },
    },
    async (c) => {
      allow(c, 'operate');
      const { script: body, ...options } = c.req.valid('json');
      const parsed = scriptSchema.safeParse(body);
      if (!parsed.success) {
        const v = validateScript(body);
        throw invalidScript(v.ok ? [] : v.errors, v.warnings);
      }
      return c.json(preview(parsed.data, body, options), 200);
    },
  );
