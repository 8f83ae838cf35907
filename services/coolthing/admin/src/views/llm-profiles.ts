import { z } from '@switchyard/kit';
import type { LlmProfileRow } from '../repositories/llm-profiles';
import { isoOrThrow } from './common';

export const LlmProfileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    baseUrl: z.string(),
    model: z.string(),
    /** The API key is stored sealed and never shown. */
    apiKeySet: z.boolean(),
    systemPrompt: z.string(),
    temperature: z.number(),
    maxTokens: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('LlmProfile');

export const llmProfileView = (row: LlmProfileRow): z.infer<typeof LlmProfileSchema> => ({
  id: row.id,
  name: row.name,
  baseUrl: row.base_url,
  model: row.model,
  apiKeySet: row.api_key_sealed !== null,
  systemPrompt: row.system_prompt,
  temperature: row.temperature,
  maxTokens: row.max_tokens,
  createdAt: isoOrThrow(row.created_at),
  updatedAt: isoOrThrow(row.updated_at),
});
