import OpenAI from 'openai';
import { LlmError, type ChatAnswer, type ChatRequest, type LlmPort } from './port';

export interface OpenAiCompatibleOptions {
  /** `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama), vLLM, LM Studio, OpenRouter... */
  baseUrl: string;
  apiKey?: string;
  timeoutMs?: number;
}

/**
 * Chat Completions through the official SDK against any compatible base URL. The SDK's own
 * retries are off: callers decide (a lead is retried by the bus, then parked with a reason).
 */
export class OpenAiCompatibleLlm implements LlmPort {
  readonly kind = 'openai-compatible' as const;
  private readonly client: OpenAI;

  constructor(options: OpenAiCompatibleOptions) {
    this.client = new OpenAI({
      baseURL: options.baseUrl,
      // Local servers (Ollama, vLLM) accept any key; the SDK insists on one.
      apiKey: options.apiKey || 'not-needed',
      timeout: options.timeoutMs ?? 60_000,
      maxRetries: 0,
    });
  }

  async chat(request: ChatRequest, signal?: AbortSignal): Promise<ChatAnswer> {
    try {
      const completion = await this.client.chat.completions.create(
        {
          model: request.model,
          messages: request.messages,
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
        },
        signal ? { signal } : undefined,
      );
      const text = completion.choices[0]?.message?.content?.trim() ?? '';
      if (!text) throw new LlmError('the model answered with no text', true);
      return {
        text,
        model: completion.model || request.model,
        source: 'openai-compatible',
        ...(completion.usage
          ? {
              usage: {
                promptTokens: completion.usage.prompt_tokens,
                completionTokens: completion.usage.completion_tokens,
              },
            }
          : {}),
      };
    } catch (err) {
      if (err instanceof LlmError) throw err;
      if (err instanceof OpenAI.APIError) {
        const status = err.status;
        // 408, 409, 429 and 5xx may pass; 400, 401, 403, 404 will not.
        const retryable =
          status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
        throw new LlmError(
          `model endpoint answered ${status ?? 'with an error'}: ${err.message}`,
          retryable,
          status,
        );
      }
      throw new LlmError(`model endpoint unreachable: ${(err as Error).message}`, true);
    }
  }
}
