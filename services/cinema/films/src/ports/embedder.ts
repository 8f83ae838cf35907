/** Turns texts into vectors (an OpenAI-compatible `/embeddings` endpoint in practice). */
export interface Embedder {
  /** Vectors of different models are never compared, so each stored vector names its model. */
  readonly model: string;
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}

export class EmbeddingError extends Error {
  override name = 'EmbeddingError';
}
