import { getConnInfo } from '@hono/node-server/conninfo';
import { context, propagation } from '@opentelemetry/api';
import type { Context } from 'hono';
import { HttpProblem, platformFetch, type AppEnv } from '@switchyard/kit';
import type { DirectoryEntry } from './directory';

// Hop-by-hop headers (RFC 9110 §7.6.1) and ones the gateway sets itself.
const DROP_REQUEST = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'traceparent',
  'tracestate',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
]);
const DROP_RESPONSE = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
]);

/** The caller's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Forwards the request to the service, streaming both bodies, with a deadline. */
export async function forward(
  c: Context<AppEnv>,
  entry: DirectoryEntry,
  rest: string,
  options: { timeoutMs: number; trustProxy: boolean },
): Promise<Response> {
  const incoming = new URL(c.req.url);
  const target = new URL(entry.url.replace(/\/$/, '') + rest + incoming.search);
  const headers = new Headers();
  c.req.raw.headers.forEach((value, key) => {
    if (!DROP_REQUEST.has(key)) headers.set(key, value);
  });
  const ip = clientIp(c, options.trustProxy);
  const prior = options.trustProxy ? c.req.header('x-forwarded-for') : undefined;
  headers.set('x-forwarded-for', prior ? `${prior}, ${ip}` : ip);
  headers.set('x-forwarded-host', incoming.host);
  headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));
  headers.set('x-forwarded-prefix', entry.path);
  headers.set('x-request-id', c.get('requestId'));
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  for (const [k, v] of Object.entries(carrier)) headers.set(k, v);

  const hasBody = !['GET', 'HEAD'].includes(c.req.method);
  // The deadline covers the wait for the answer's headers; a body may then stream for as long
  // as it needs (event streams, downloads). A client that goes away cancels the upstream call.
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, options.timeoutMs);
  c.req.raw.signal.addEventListener('abort', () => abort.abort(), { once: true });
  let upstream: Response;
  try {
    upstream = await platformFetch(target, {
      method: c.req.method,
      headers,
      body: hasBody ? c.req.raw.body : undefined,
      redirect: 'manual',
      signal: abort.signal,
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch {
    throw new HttpProblem(
      timedOut ? 504 : 503,
      timedOut ? 'Gateway timeout' : 'Service unavailable',
      timedOut
        ? `${entry.name} did not answer within ${options.timeoutMs} ms.`
        : `${entry.name} cannot be reached right now; try again shortly.`,
      timedOut ? {} : { headers: { 'Retry-After': '5' } },
    );
  } finally {
    clearTimeout(timer);
  }
  const out = new Headers();
  upstream.headers.forEach((value, key) => {
    if (!DROP_RESPONSE.has(key)) out.append(key, value);
  });
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: out,
  });
}
