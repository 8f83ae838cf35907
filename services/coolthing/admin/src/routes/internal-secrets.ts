// Secrets other CoolThing services need to act: notification bot tokens (notifier) and LLM
// API keys (manager). Fellow services only; never exposed through the gateway.
import { LlmProfileWithKeySchema, type LlmProfileWithKey } from '@switchyard/contracts/coolthing-admin';
import { defineRoute, jsonBody, notFound, problems, requireInternal, z } from '@switchyard/kit';
import { allEnabledBots } from '../repositories/bots';
import { findLlmProfile, type LlmProfileRow } from '../repositories/llm-profiles';
import type { Deps } from './deps';

const tags = ['internal'];

export const internalBotsRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/notification-bots',
      tags,
      summary: 'Enabled notification bots with their tokens (fellow services only)',
      responses: {
        200: jsonBody(
          z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                token: z.string(),
                adminChatIds: z.array(z.string()),
              }),
            ),
          }),
          'Bots',
        ),
        ...problems(404),
      },
    },
    async (c) => {
      requireInternal(c);
      const rows = await allEnabledBots(deps.db);
      return c.json(
        {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            token: deps.secrets.open('bot_token', r.id, r.token_sealed),
            adminChatIds: r.admin_chat_ids,
          })),
        },
        200,
      );
    },
  );

export const internalLlmProfileRoute = (deps: Deps) =>
  defineRoute(
    {
      method: 'get',
      path: '/internal/llm-profiles/{id}',
      tags,
      summary: 'An LLM profile with its API key (fellow services only)',
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: {
        200: jsonBody(LlmProfileWithKeySchema, 'The profile'),
        ...problems(404),
      },
    },
    async (c) => {
      requireInternal(c);
      const row = await findLlmProfile(deps.db, c.req.valid('param').id);
      if (!row) throw notFound('LLM profile');
      return c.json(withApiKey(deps, row), 200);
    },
  );

/** A profile as fellow services get it: its API key opened (never shown through the gateway). */
export function withApiKey(deps: Pick<Deps, 'secrets'>, row: LlmProfileRow): LlmProfileWithKey {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    model: row.model,
    apiKey: deps.secrets.openOrNull('llm_api_key', row.id, row.api_key_sealed),
    systemPrompt: row.system_prompt,
    temperature: row.temperature,
    maxTokens: row.max_tokens,
  };
}
