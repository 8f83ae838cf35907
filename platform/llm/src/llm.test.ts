import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineLlm, OpenAiCompatibleLlm, LlmError } from './index';
import { startFakeOpenAi, type FakeOpenAi } from './testing';

describe('OpenAI-compatible adapter (real SDK against a local compatible server)', () => {
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => fake.close());

  it('sends the messages, model and settings, and returns the text', async () => {
    fake.enqueue({ kind: 'answer', text: '  Hi Anna, saw your question about flats.  ' });
    const llm = new OpenAiCompatibleLlm({ baseUrl: fake.baseUrl, apiKey: 'sk-test' });
    const answer = await llm.chat({
      model: 'gpt-test',
      temperature: 0.3,
      maxTokens: 200,
      messages: [
        { role: 'system', content: 'You are a broker.' },
        { role: 'user', content: 'Looking for a flat' },
      ],
      context: { never: 'sent' },
    });
    expect(answer).toMatchObject({
      text: 'Hi Anna, saw your question about flats.',
      source: 'openai-compatible',
      model: 'gpt-test',
    });
    const req = fake.requests.at(-1)!;
    expect(req.authorization).toBe('Bearer sk-test');
    expect(req.body).toMatchObject({ model: 'gpt-test', temperature: 0.3, max_tokens: 200 });
    expect(req.body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(JSON.stringify(req.body)).not.toContain('never');
  });

  it('reports 5xx and 429 as retryable, 4xx as final', async () => {
    const llm = new OpenAiCompatibleLlm({ baseUrl: fake.baseUrl });
    fake.enqueue(
      { kind: 'status', status: 503 },
      { kind: 'status', status: 429 },
      { kind: 'status', status: 401 },
    );
    for (const [status, retryable] of [
      [503, true],
      [429, true],
      [401, false],
    ] as const) {
      const err = await llm
        .chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LlmError);
      expect((err as LlmError).status).toBe(status);
      expect((err as LlmError).retryable).toBe(retryable);
    }
  });

  it('gives up on a model that does not answer in time', async () => {
    fake.enqueue({ kind: 'hang' });
    const llm = new OpenAiCompatibleLlm({ baseUrl: fake.baseUrl, timeoutMs: 200 });
    const err = await llm
      .chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect((err as LlmError).retryable).toBe(true);
  });

  it('treats an empty answer as a failure', async () => {
    fake.enqueue({ kind: 'answer', text: '   ' });
    const llm = new OpenAiCompatibleLlm({ baseUrl: fake.baseUrl });
    await expect(llm.chat({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).rejects.toThrow(
      /no text/,
    );
  });
});

describe('offline composer', () => {
  it('answers from the composer the service gives, with the structured context', async () => {
    const llm = new OfflineLlm((req) => `Hello ${String(req.context?.name)}`);
    expect(await llm.chat({ model: 'any', messages: [], context: { name: 'Ivan' } })).toEqual({
      text: 'Hello Ivan',
      model: 'offline-composer',
      source: 'offline',
    });
  });
});
