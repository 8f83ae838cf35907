import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ServiceCallError, ServiceClient, ServiceClients, ServiceUnavailableError } from './client';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('service client', () => {
  let server: Server;
  let base: string;
  let handler: Handler = (_req, res) => res.end('{}');
  const seen: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers });
      handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const json =
    (status: number, body: unknown): Handler =>
    (_req, res) => {
      res.writeHead(status, {
        'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      });
      res.end(JSON.stringify(body));
    };

  it('sends JSON, query and context headers, and validates the answer', async () => {
    handler = json(200, { id: 7, name: 'x' });
    seen.length = 0;
    const client = new ServiceClient('films', `${base}/api`, {
      contextHeaders: () => ({ 'x-request-id': 'r-1' }),
    });
    const res = await client.post('/films', {
      json: { a: 1 },
      query: { q: 'z', skip: undefined },
      schema: z.object({ id: z.number(), name: z.string() }),
    });
    expect(res.data).toEqual({ id: 7, name: 'x' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/films?q=z' });
    expect(seen[0]!.headers['x-request-id']).toBe('r-1');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
  });

  it('reports a contract break when the answer does not match the schema', async () => {
    handler = json(200, { id: 'seven' });
    const client = new ServiceClient('films', base);
    await expect(client.get('/x', { schema: z.object({ id: z.number() }) })).rejects.toThrow(
      ServiceUnavailableError,
    );
  });

  it('passes 4xx answers through with the problem, without retrying', async () => {
    handler = json(404, { title: 'Not found', detail: 'Film not found.' });
    seen.length = 0;
    const client = new ServiceClient('films', base, { attempts: 3 });
    const err = await client.get('/films/9').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceCallError);
    expect((err as ServiceCallError).status).toBe(404);
    expect((err as ServiceCallError).problem?.detail).toBe('Film not found.');
    expect(seen).toHaveLength(1);
  });

  it('retries idempotent calls on 5xx, but not POST', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      if (calls < 3) return json(503, { title: 'busy' })(_req, res);
      json(200, { ok: true })(_req, res);
    };
    const client = new ServiceClient('svc', base, { attempts: 3 });
    expect((await client.get('/thing')).data).toEqual({ ok: true });
    expect(calls).toBe(3);
    calls = 0;
    await expect(new ServiceClient('svc', base, { attempts: 3 }).post('/thing')).rejects.toThrow(
      ServiceUnavailableError,
    );
    expect(calls).toBe(1);
    calls = 0;
    expect(
      (await new ServiceClient('svc', base, { attempts: 3 }).post('/thing', { idempotent: true })).data,
    ).toEqual({ ok: true });
    expect(calls).toBe(3);
  });

  it('times out a slow dependency with a clear error', async () => {
    handler = (_req, res) => setTimeout(() => json(200, {})(_req, res), 1000);
    const client = new ServiceClient('slow', base, { timeoutMs: 100, attempts: 1 });
    const started = Date.now();
    const err = await client.get('/slow').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServiceUnavailableError);
    expect((err as Error).message).toMatch(/no answer within 100 ms/);
    expect(Date.now() - started).toBeLessThan(800);
  });

  it('opens the circuit after consecutive failures and fails fast, then recovers', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      json(500, {})(_req, res);
    };
    const client = new ServiceClient('flaky', base, {
      attempts: 1,
      breakerThreshold: 3,
      halfOpenAfterMs: 200,
    });
    for (let i = 0; i < 3; i++) await client.get('/x').catch(() => undefined);
    expect(calls).toBe(3);
    const err = await client.get('/x').catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/circuit open/);
    expect(calls).toBe(3);
    handler = json(200, { back: true });
    await new Promise((r) => setTimeout(r, 250));
    expect((await client.get('/x')).data).toEqual({ back: true });
  });

  it('answers unavailable for a service nobody listens on', async () => {
    const client = new ServiceClient('gone', 'http://127.0.0.1:1', { attempts: 1 });
    await expect(client.get('/')).rejects.toThrow(/gone is unavailable/);
  });

  it('resolves dependencies by name and refuses unknown ones', () => {
    const clients = new ServiceClients((t) => (t === 'identity' ? base : undefined));
    expect(clients.for('identity')).toBe(clients.for('identity'));
    expect(() => clients.for('nobody')).toThrow(/no URL configured for service nobody/);
  });
});
