import { newId } from '@switchyard/bus';
import { conflict, defineRoute, jsonBody, jsonInput, notFound, problems, z } from '@switchyard/kit';
import { sentKeys } from '../domain/audit';
import { recordAudit } from '../repositories/audit';
import {
  campaignsUsingProfile,
  findLlmProfile,
  insertLlmProfile,
  listLlmProfiles,
  softDeleteLlmProfile,
  updateLlmProfile,
} from '../repositories/llm-profiles';
import { IdParam, pageOf, PageQuery } from '../views/common';
import { LlmProfileSchema, llmProfileView } from '../views/llm-profiles';
import { allow, security } from './auth';
import type { Deps } from './deps';

const tags = ['LLM profiles'];

const BaseUrl = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL such as https://api.openai.com/v1');

const fields = {
  name: z.string().trim().min(1).max(100),
  /** Any OpenAI-compatible Chat Completions endpoint: OpenAI, Ollama, vLLM, LM Studio, OpenRouter. */
  baseUrl: BaseUrl,
  model: z.string().trim().min(1).max(200),
  /** Write-only. */
  apiKey: z.string().trim().min(1).max(500),
  systemPrompt: z.string().max(20_000),
  temperature: z.number().min(0).max(2),
  maxTokens: z.number().int().min(1).max(128_000),
};

export const listLlmProfilesRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/llm-profiles',
      tags,
      summary: 'LLM profiles (the original "GPT settings")',
      security,
      request: { query: z.object({ q: z.string().trim().min(1).max(100).optional(), ...PageQuery }) },
      responses: {
        200: jsonBody(pageOf(LlmProfileSchema, 'LlmProfilePage'), 'A page of profiles'),
        ...problems(400, 401, 403),
      },
    },
    async (c) => {
      allow(c, 'read');
      const { limit, offset, ...filter } = c.req.valid('query');
      const page = await listLlmProfiles(deps.db, filter, { limit, offset });
      return c.json({ ...page, items: page.items.map(llmProfileView) }, 200);
    },
  );

export const getLlmProfileRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/llm-profiles/{id}',
      tags,
      summary: 'One LLM profile',
      security,
      request: { params: IdParam },
      responses: { 200: jsonBody(LlmProfileSchema, 'The profile'), ...problems(401, 403, 404) },
    },
    async (c) => {
      allow(c, 'read');
      const row = await findLlmProfile(deps.db, c.req.valid('param').id);
      if (!row) throw notFound('LLM profile');
      return c.json(llmProfileView(row), 200);
    },
  );

export const createLlmProfileRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'post',
      path: '/llm-profiles',
      tags,
      summary: 'Add an LLM profile (its API key is stored sealed and never shown again)',
      security,
      request: jsonInput(
        z
          .strictObject({
            ...fields,
            apiKey: fields.apiKey.optional(),
            systemPrompt: fields.systemPrompt.default(''),
            temperature: fields.temperature.default(0.7),
            maxTokens: fields.maxTokens.default(512),
          })
          .openapi('LlmProfileInput'),
      ),
      responses: { 201: jsonBody(LlmProfileSchema, 'Created'), ...problems(400, 401, 403) },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const input = c.req.valid('json');
      const id = newId();
      const row = await deps.transaction(async (trx) => {
        const created = await insertLlmProfile(trx, {
          id,
          name: input.name,
          base_url: input.baseUrl,
          model: input.model,
          api_key_sealed: deps.secrets.sealOrNull('llm_api_key', id, input.apiKey),
          system_prompt: input.systemPrompt,
          temperature: input.temperature,
          max_tokens: input.maxTokens,
          deleted_at: null,
        });
        await recordAudit(trx, actor, {
          action: 'llm_profile.created',
          entityType: 'llm_profile',
          entityId: id,
        });
        return created;
      });
      return c.json(llmProfileView(row), 201);
    },
  );

export const patchLlmProfileRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'patch',
      path: '/llm-profiles/{id}',
      tags,
      summary: 'Change some fields of an LLM profile (apiKey null removes the key)',
      security,
      request: {
        params: IdParam,
        ...jsonInput(
          z.strictObject({
            name: fields.name.optional(),
            baseUrl: fields.baseUrl.optional(),
            model: fields.model.optional(),
            apiKey: fields.apiKey.nullable().optional(),
            systemPrompt: fields.systemPrompt.optional(),
            temperature: fields.temperature.optional(),
            maxTokens: fields.maxTokens.optional(),
          }),
        ),
      },
      responses: {
        200: jsonBody(LlmProfileSchema, 'The profile as it is now'),
        ...problems(400, 401, 403, 404),
      },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const { id } = c.req.valid('param');
      const p = c.req.valid('json');
      const row = await deps.transaction(async (trx) => {
        const updated = await updateLlmProfile(trx, id, {
          ...(p.name === undefined ? {} : { name: p.name }),
          ...(p.baseUrl === undefined ? {} : { base_url: p.baseUrl }),
          ...(p.model === undefined ? {} : { model: p.model }),
          ...(p.apiKey === undefined
            ? {}
            : { api_key_sealed: deps.secrets.sealOrNull('llm_api_key', id, p.apiKey) }),
          ...(p.systemPrompt === undefined ? {} : { system_prompt: p.systemPrompt }),
          ...(p.temperature === undefined ? {} : { temperature: p.temperature }),
          ...(p.maxTokens === undefined ? {} : { max_tokens: p.maxTokens }),
        });
        if (!updated) throw notFound('LLM profile');
        await recordAudit(trx, actor, {
          action: 'llm_profile.updated',
          entityType: 'llm_profile',
          entityId: id,
          details: { fields: sentKeys(p) },
        });
        return updated;
      });
      return c.json(llmProfileView(row), 200);
    },
  );

export const deleteLlmProfileRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'delete',
      path: '/llm-profiles/{id}',
      tags,
      summary: 'Delete an LLM profile no campaign uses',
      security,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problems(401, 403, 404, 409) },
    },
    async (c) => {
      const actor = allow(c, 'manage');
      const { id } = c.req.valid('param');
      await deps.transaction(async (trx) => {
        const using = await campaignsUsingProfile(trx, id);
        if (using > 0) throw conflict(`${using} campaign(s) use this profile; change them first.`);
        if (!(await softDeleteLlmProfile(trx, id))) throw notFound('LLM profile');
        await recordAudit(trx, actor, {
          action: 'llm_profile.deleted',
          entityType: 'llm_profile',
          entityId: id,
        });
      });
      return c.body(null, 204);
    },
  );
