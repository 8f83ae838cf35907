import { z } from 'zod';
import { EmbeddingError, type Embedder } from '../ports/embedder';

export interface OpenAiEmbedderOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

const EmbeddingsResponse = z.object({
  data: z
    .array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()).min(1).max(16_384) }))
    .min(1),
});

/** Any OpenAI-compatible `POST /embeddings` (OpenAI, Ollama, vLLM, LM Studio, LiteLLM...). */
export class OpenAiEmbedder implements Embedder {
  readonly model: string;

  constructor(private readonly options: OpenAiEmbedderOptions) {
    this.model = options.model;
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    if (texts.length === 0) return [];
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    let res: Response;
    try {
      res = await fetch(`${this.options.baseUrl.replace(/\/$/, '')}/embeddings`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
        },
        body: JSON.stringify({ model: this.model, input: texts }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      throw new EmbeddingError(`embeddings endpoint unreachable: ${(err as Error).message}`);
    }
    if (!res.ok) {
      // The body may echo the request; only the status is reported.
      await res.body?.cancel().catch(() => undefined);
      throw new EmbeddingError(`embeddings endpoint answered ${res.status}`);
    }
    const parsed = EmbeddingsResponse.safeParse(await res.json().catch(() => null));
    if (!parsed.success || parsed.data.data.length !== texts.length) {
      throw new EmbeddingError('embeddings endpoint answered with an unexpected body');
    }
    const byIndex = new Map(parsed.data.data.map((item) => [item.index, item.embedding]));
    const vectors = texts.map((_, i) => byIndex.get(i));
    if (vectors.some((v) => !v) || new Set(vectors.map((v) => v?.length)).size !== 1) {
      throw new EmbeddingError('embeddings endpoint answered with inconsistent vectors');
    }
    return vectors as number[][];
  }
}
