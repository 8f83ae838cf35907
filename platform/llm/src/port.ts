/** One message of a chat with a model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /**
   * What the request is for, in structured form, for composers that do not read prose (the
   * offline composer). Models get the messages; this never reaches them.
   */
  context?: Record<string, unknown>;
}

export interface ChatAnswer {
  text: string;
  model: string;
  /** Which adapter answered: a model endpoint or the offline composer. */
  source: 'openai-compatible' | 'offline';
  usage?: { promptTokens: number; completionTokens: number };
}

/** A chat-completion model: any OpenAI-compatible endpoint, or the offline composer. */
export interface LlmPort {
  readonly kind: 'openai-compatible' | 'offline';
  chat(request: ChatRequest, signal?: AbortSignal): Promise<ChatAnswer>;
}

/** The model could not answer (network, status, empty answer); `retryable` says whether to try again. */
export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}
