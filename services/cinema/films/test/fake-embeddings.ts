import { createServer, type Server } from 'node:http';

const STOP = new Set(
  'a an the of on in at to for and or but with about from by his her its their he she it they is are was be film movie story who that this into after until'.split(
    ' ',
  ),
);

/** A deterministic bag-of-words "embedding": each word (minus a plural s) hashed into one of `dims` slots. */
export function bagOfWords(text: string, dims = 1024): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOP.has(raw)) continue;
    const word = raw.length > 3 && raw.endsWith('s') ? raw.slice(0, -1) : raw;
    let hash = 2166136261;
    for (const ch of word) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619) >>> 0;
    v[hash % dims]! += 1;
  }
  return v;
}

export interface FakeEmbeddings {
  baseUrl: string;
  requests: { model: string; inputs: number; authorization: string | undefined }[];
  /** Answer every request with this status (for outage tests); 200 restores. */
  failWith(status: number): void;
  close(): Promise<void>;
}

/** A tiny local stand-in for an OpenAI-compatible `POST /v1/embeddings`. */
export async function startFakeEmbeddings(): Promise<FakeEmbeddings> {
  const requests: FakeEmbeddings['requests'] = [];
  let failure = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string; input: string[] };
      requests.push({
        model: body.model,
        inputs: body.input.length,
        authorization: req.headers.authorization,
      });
      if (failure !== 200) {
        res.writeHead(failure, { 'content-type': 'application/json' }).end('{"error":{"message":"down"}}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          model: body.model,
          data: body.input.map((text, index) => ({
            object: 'embedding',
            index,
            embedding: bagOfWords(text),
          })),
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    failWith: (status) => {
      failure = status;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
