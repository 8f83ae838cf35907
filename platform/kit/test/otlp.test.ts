import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@switchyard/testing';

const SERVICE = fileURLToPath(new URL('./otlp-service.ts', import.meta.url));

/**
 * Spans leave the process over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. The
 * service runs in its own process (the tracer provider is process-wide) against a local
 * receiver that records what arrives at /v1/traces.
 */
describe('OTLP export', () => {
  let receiver: Server;
  let endpoint: string;
  const posts: { path: string; type: string | undefined; body: Buffer }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        posts.push({ path: req.url ?? '', type: req.headers['content-type'], body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    endpoint = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it('exports the spans of a request to the configured collector', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', SERVICE], {
      env: {
        ...process.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        // The batch processor's standard setting: export after 100 ms, not the default 5 s.
        OTEL_BSP_SCHEDULE_DELAY: '100',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          const m = /listening (http:\/\/\S+)/.exec(d.toString());
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`service exited (${code})`)));
      });
      await fetch(`${url}/items/1`, {
        headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      });
      const post = await waitFor(() => posts.find((p) => p.path === '/v1/traces'), {
        timeoutMs: 15_000,
        message: 'spans at /v1/traces',
      });
      // The trace id travels in the export, whichever encoding the exporter chose.
      const body = post.body.toString('latin1');
      const hex = '0af7651916cd43dd8448eb211c80319c';
      expect(body.includes(hex) || post.body.includes(Buffer.from(hex, 'hex'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
