import { OpenAPIHono } from '@hono/zod-openapi';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { requestScope } from '../context';
import type { ServiceMetrics } from '../metrics';
import { HttpProblem } from '../problem';
import type { AppEnv } from './env';
import { problemResponse, toProblem, zodFieldErrors } from './problem-response';

export interface ServiceAppOptions {
  service: string;
  system?: string;
  log: Logger;
  metrics: ServiceMetrics;
  bodyLimitBytes?: number;
  /** Hides secrets carried in paths from spans and logs. */
  redactPath?: (path: string) => string;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The Hono app every service starts from: request ids, a server span per request, RED
 * metrics, one access-log line, body limit, and errors answered as problem+json.
 */
export function createServiceApp(options: ServiceAppOptions): OpenAPIHono<AppEnv> {
  const { log, metrics } = options;
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const target = result.target === 'json' || result.target === 'form' ? 'body' : result.target;
        return problemResponse(
          c,
          new HttpProblem(400, 'Bad request', 'Request validation failed.', {
            errors: zodFieldErrors(result.error, target),
          }),
        );
      }
    },
  });
  const tracer = trace.getTracer('switchyard.http');

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : crypto.randomUUID();
    const correlation = c.req.header('x-correlation-id');
    const correlationId = correlation && SAFE_ID.test(correlation) ? correlation : requestId;
    c.set('requestId', requestId);
    c.set('user', null);
    c.set('internal', false);
    const shownPath = options.redactPath ? options.redactPath(c.req.path) : c.req.path;
    c.header('x-request-id', requestId);
    const parent = propagation.extract(context.active(), {
      traceparent: c.req.header('traceparent'),
      tracestate: c.req.header('tracestate'),
    });
    const started = performance.now();
    await requestScope.run({ requestId, correlationId }, () =>
      tracer.startActiveSpan(
        `${c.req.method} ${shownPath}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'http.request.method': c.req.method,
            'url.path': shownPath,
            'switchyard.service': options.service,
          },
        },
        parent,
        async (span) => {
          c.set('log', log.child({ request_id: requestId }));
          try {
            await next();
          } finally {
            const matched = c.req.routePath && c.req.routePath !== '/*' ? c.req.routePath : 'unmatched';
            const route = options.redactPath ? options.redactPath(matched) : matched;
            const status = c.res.status;
            span.updateName(`${c.req.method} ${route}`);
            span.setAttribute('http.route', route);
            span.setAttribute('http.response.status_code', status);
            if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
            span.end();
            const seconds = (performance.now() - started) / 1000;
            const labels = { method: c.req.method, route, status: String(status) };
            metrics.httpDuration.observe(labels, seconds);
            metrics.httpRequests.inc(labels);
            if (!isProbe(c.req.path)) {
              log.info(
                {
                  method: c.req.method,
                  path: c.req.path,
                  status,
                  ms: Math.round(seconds * 1000),
                  request_id: requestId,
                },
                'request',
              );
            }
          }
        },
      ),
    );
  });

  const maxBody = options.bodyLimitBytes ?? 1024 * 1024;
  app.use(
    '*',
    bodyLimit({
      maxSize: maxBody,
      // The rest of the body is never read, so the connection cannot be reused.
      onError: (c) =>
        problemResponse(
          c,
          new HttpProblem(413, 'Payload too large', `The body exceeds ${maxBody} bytes.`, {
            headers: { connection: 'close' },
          }),
        ),
    }),
  );

  app.onError((err, c) => {
    const { problem, unexpected } = toProblem(err);
    if (unexpected) (c.get('log') ?? log).error({ err }, 'unhandled error');
    return problemResponse(c, problem);
  });
  app.notFound((c: Context) =>
    problemResponse(c, new HttpProblem(404, 'Not found', `No route for ${c.req.method} ${c.req.path}.`)),
  );
  return app;
}

const isProbe = (path: string) => path === '/healthz' || path === '/readyz' || path === '/metrics';
