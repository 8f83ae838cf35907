import { createServer, type Server } from 'node:http';

export interface RecordedCompletion {
  path: string;
  authorization: string | undefined;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    temperature?: number;
    max_tokens?: number;
  };
}

export type FakeBehaviour =
  | { kind: 'answer'; text: string | ((body: RecordedCompletion['body']) => string) }
  | { kind: 'status'; status: number; message?: string }
  | { kind: 'hang' };

/**
 * A local OpenAI-compatible server (`POST /v1/chat/completions`) that records every request
 * and answers as told: text, an error status, or no answer at all. It stands in for the
 * external model in tests; the client under test is the real SDK.
 */
export async function startFakeOpenAi(initial: FakeBehaviour = { kind: 'answer', text: 'Hello!' }) {
  const requests: RecordedCompletion[] = [];
  const queue: FakeBehaviour[] = [];
  let fallback = initial;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: { message: 'not found' } }));
      }
      const body = JSON.parse(raw) as RecordedCompletion['body'];
      requests.push({ path: req.url, authorization: req.headers.authorization, body });
      const behaviour = queue.shift() ?? fallback;
      if (behaviour.kind === 'hang') return;
      if (behaviour.kind === 'status') {
        res.writeHead(behaviour.status, { 'content-type': 'application/json' });
        return res.end(
          JSON.stringify({ error: { message: behaviour.message ?? 'failure', type: 'server_error' } }),
        );
      }
      const text = typeof behaviour.text === 'function' ? behaviour.text(body) : behaviour.text;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    /** The next answers, in order, before falling back to the default. */
    enqueue: (...behaviours: FakeBehaviour[]) => void queue.push(...behaviours),
    setDefault: (behaviour: FakeBehaviour) => void (fallback = behaviour),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type FakeOpenAi = Awaited<ReturnType<typeof startFakeOpenAi>>;
