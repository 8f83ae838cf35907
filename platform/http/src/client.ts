import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BrokenCircuitError,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type IPolicy,
} from 'cockatiel';
import type { z } from 'zod';

/** The callee answered with a client error; carries its problem document. */
export class ServiceCallError extends Error {
  override name = 'ServiceCallError';
  constructor(
    readonly service: string,
    readonly status: number,
    readonly problem: Record<string, unknown> | undefined,
  ) {
    super(`${service} answered ${status}${problem?.detail ? `: ${String(problem.detail)}` : ''}`);
  }
}

/** The callee is down, slow or its circuit is open; answer 503 or degrade. */
export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
  constructor(
    readonly service: string,
    reason: string,
  ) {
    super(`${service} is unavailable: ${reason}`);
  }
}

class RetryableStatus extends Error {
  constructor(readonly status: number) {
    super(`status ${status}`);
  }
}

export interface ClientOptions {
  timeoutMs?: number;
  /** Attempts for idempotent calls (GET, PUT, DELETE, or marked idempotent). */
  attempts?: number;
  /** Consecutive failures that open the circuit. */
  breakerThreshold?: number;
  halfOpenAfterMs?: number;
  /** Headers added to every call (request and correlation ids of the current request). */
  contextHeaders?: () => Record<string, string>;
  /** The fetch to use (the platform's answers in-process calls in embedded mode). */
  fetch?: (input: URL, init: RequestInit) => Promise<Response>;
}

export interface RequestOptions<S extends z.ZodType | undefined> {
  json?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Validates the response body; a mismatch is a contract break, reported as such. */
  schema?: S;
  /** Allows retries for a non-GET call that is safe to repeat (it carries an idempotency key). */
  idempotent?: boolean;
}

export interface ClientResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * A typed HTTP client for one dependency: timeout on every call, retries with jittered
 * backoff for idempotent calls only, one circuit breaker, and trace context propagated.
 */
export class ServiceClient {
  private readonly retrying: IPolicy;
  private readonly single: IPolicy;
  private readonly tracer = trace.getTracer('switchyard.http-client');

  constructor(
    readonly service: string,
    readonly baseUrl: string,
    private readonly options: ClientOptions = {},
  ) {
    const isFailure = (err: Error) => !(err instanceof ServiceCallError);
    const breaker = circuitBreaker(handleWhen(isFailure), {
      halfOpenAfter: options.halfOpenAfterMs ?? 5000,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    });
    const perTry = timeout(options.timeoutMs ?? 5000, TimeoutStrategy.Aggressive);
    const retries = retry(
      handleWhen((err) => isFailure(err) && !(err instanceof BrokenCircuitError)),
      {
        maxAttempts: Math.max(0, (options.attempts ?? 3) - 1),
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 }),
      },
    );
    this.retrying = wrap(retries, breaker, perTry);
    this.single = wrap(breaker, perTry);
  }

  get<T = unknown, S extends z.ZodType | undefined = undefined>(path: string, options?: RequestOptions<S>) {
    return this.request<T, S>('GET', path, options);
  }
  post<T = unknown, S extends z.ZodType | undefined = undefined>(path: string, options?: RequestOptions<S>) {
    return this.request<T, S>('POST', path, options);
  }
  put<T = unknown, S extends z.ZodType | undefined = undefined>(path: string, options?: RequestOptions<S>) {
    return this.request<T, S>('PUT', path, options);
  }
  patch<T = unknown, S extends z.ZodType | undefined = undefined>(path: string, options?: RequestOptions<S>) {
    return this.request<T, S>('PATCH', path, options);
  }
  delete<T = unknown, S extends z.ZodType | undefined = undefined>(
    path: string,
    options?: RequestOptions<S>,
  ) {
    return this.request<T, S>('DELETE', path, options);
  }

  async request<T = unknown, S extends z.ZodType | undefined = undefined>(
    method: string,
    path: string,
    options: RequestOptions<S> = {},
  ): Promise<ClientResponse<S extends z.ZodType ? z.output<S> : T>> {
    const url = new URL(
      path.replace(/^\//, ''),
      this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`,
    );
    for (const [k, v] of Object.entries(options.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const policy = IDEMPOTENT.has(method) || options.idempotent ? this.retrying : this.single;
    return this.tracer.startActiveSpan(
      `${method} ${this.service}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': method, 'url.full': url.href, 'peer.service': this.service },
      },
      async (span) => {
        try {
          const res = await policy.execute(({ signal }) => this.once(method, url, options, signal));
          span.setAttribute('http.response.status_code', res.status);
          return res as ClientResponse<S extends z.ZodType ? z.output<S> : T>;
        } catch (err) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
          if (err instanceof ServiceCallError) throw err;
          if (err instanceof BrokenCircuitError)
            throw new ServiceUnavailableError(this.service, 'circuit open after repeated failures');
          if (err instanceof TaskCancelledError)
            throw new ServiceUnavailableError(
              this.service,
              `no answer within ${this.options.timeoutMs ?? 5000} ms`,
            );
          if (err instanceof RetryableStatus)
            throw new ServiceUnavailableError(this.service, `answered ${err.status}`);
          throw new ServiceUnavailableError(this.service, (err as Error).message);
        } finally {
          span.end();
        }
      },
    );
  }

  private async once<S extends z.ZodType | undefined>(
    method: string,
    url: URL,
    options: RequestOptions<S>,
    signal: AbortSignal,
  ): Promise<ClientResponse<unknown>> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.options.contextHeaders?.(),
      ...options.headers,
    };
    propagation.inject(context.active(), headers);
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const res = await (this.options.fetch ?? fetch)(url, { method, headers, body, signal });
    if (res.status >= 500 || res.status === 429) {
      await res.body?.cancel();
      throw new RetryableStatus(res.status);
    }
    const text = await res.text();
    const parsed: unknown =
      text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    if (res.status >= 400) {
      throw new ServiceCallError(
        this.service,
        res.status,
        typeof parsed === 'object' && parsed ? (parsed as Record<string, unknown>) : undefined,
      );
    }
    const data = options.schema ? options.schema.parse(parsed) : parsed;
    return { status: res.status, data, headers: res.headers };
  }
}

/** Resolves dependencies by name to clients; one client (and breaker) per dependency. */
export class ServiceClients {
  private readonly clients = new Map<string, ServiceClient>();
  constructor(
    private readonly resolve: (target: string) => string | undefined,
    private readonly defaults: ClientOptions = {},
  ) {}

  /** `for('identity')`, `for('cinema/films')`. */
  for(target: string, options?: ClientOptions): ServiceClient {
    let client = this.clients.get(target);
    if (!client) {
      const url = this.resolve(target);
      if (!url) throw new Error(`no URL configured for service ${target}`);
      client = new ServiceClient(target, url, { ...this.defaults, ...options });
      this.clients.set(target, client);
    }
    return client;
  }
}
