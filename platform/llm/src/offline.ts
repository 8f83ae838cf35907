import type { ChatAnswer, ChatRequest, LlmPort } from './port';

/** Turns a request into text without a model (deterministic templates chosen by the caller). */
export type Composer = (request: ChatRequest) => string;

/**
 * The zero-install model: answers from a composer the service supplies, so embedded mode,
 * demos and tests work offline and repeatably.
 */
export class OfflineLlm implements LlmPort {
  readonly kind = 'offline' as const;

  constructor(private readonly compose: Composer) {}

  async chat(request: ChatRequest): Promise<ChatAnswer> {
    return { text: this.compose(request), model: 'offline-composer', source: 'offline' };
  }
}
