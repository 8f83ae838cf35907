import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface RecordedCall {
  method: string;
  /** Path with its query string, as the client sent it. */
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or undefined. */
  body: unknown;
}

export type Reply = { status: number; body?: unknown; delayUntil?: Promise<void> };
export type Route = (call: RecordedCall, url: URL) => Reply | Promise<Reply> | undefined;

/**
 * A tiny HTTP server that records every call and answers through `route`; unknown calls get
 * 404 (and are recorded, so a test sees calls a real API would not expect).
 */
export async function recordingServer(
  route: Route,
  listen: { socketPath?: string } = {},
): Promise<{ calls: RecordedCall[]; url: string; server: Server; close(): Promise<void> }> {
  const calls: RecordedCall[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    calls.push(call);
    try {
      const reply = (await route(call, new URL(call.path, 'http://fake'))) ?? {
        status: 404,
        body: { message: 'page not found' },
      };
      if (reply.delayUntil) await reply.delayUntil;
      if (reply.body === undefined) {
        res.writeHead(reply.status).end();
        return;
      }
      const payload = JSON.stringify(reply.body);
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(payload);
    } catch (err) {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: String(err) }));
    }
  });
  await new Promise<void>((resolve) => {
    if (listen.socketPath) server.listen(listen.socketPath, resolve);
    else server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const url =
    typeof address === 'object' && address
      ? `http://127.0.0.1:${address.port}`
      : `unix://${listen.socketPath}`;
  return {
    calls,
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
