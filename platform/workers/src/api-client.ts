import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ApiResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: unknown;
}

export interface ApiEndpoint {
  /** `http://host:port` or `https://host:port`; with a socket path the host is ignored. */
  baseUrl: string;
  socketPath?: string;
  /** Extra CA for https (the cluster CA). */
  ca?: () => Promise<Buffer | undefined>;
  /** Bearer token, read per call (projected service account tokens rotate). */
  token?: () => Promise<string | undefined>;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const message =
      typeof body === 'object' && body && 'message' in body
        ? String(body.message)
        : String(body).slice(0, 200);
    super(`${method} ${path} answered ${status}: ${message}`);
  }
}

/**
 * JSON over HTTP(S) or a unix socket, with Node's own modules: the Docker Engine API and the
 * Kubernetes API need a socket path and a custom CA, which global fetch does not offer.
 */
export class ApiClient {
  constructor(
    private readonly endpoint: ApiEndpoint,
    private readonly defaultTimeoutMs = 15_000,
  ) {}

  /** Answers 2xx (and the statuses in `accept`); anything else throws ApiError. */
  async call(
    method: string,
    path: string,
    body?: unknown,
    options: { timeoutMs?: number | null; accept?: number[]; signal?: AbortSignal } = {},
  ): Promise<ApiResponse> {
    const res = await this.raw(method, path, body, options);
    if ((res.status >= 200 && res.status < 300) || options.accept?.includes(res.status)) return res;
    throw new ApiError(method, path, res.status, res.body);
  }

  private async raw(
    method: string,
    path: string,
    body: unknown,
    options: { timeoutMs?: number | null; signal?: AbortSignal },
  ): Promise<ApiResponse> {
    const url = new URL(path, this.endpoint.baseUrl);
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = await this.endpoint.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: Buffer | undefined;
    if (body !== undefined) {
      payload = Buffer.from(JSON.stringify(body));
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const https = url.protocol === 'https:';
    const ca = https ? await this.endpoint.ca?.() : undefined;
    const requestOptions: RequestOptions & { ca?: Buffer } = {
      method,
      path: `${url.pathname}${url.search}`,
      headers,
      ...(this.endpoint.socketPath
        ? { socketPath: this.endpoint.socketPath }
        : { hostname: url.hostname, port: url.port || (https ? 443 : 80) }),
      ...(ca ? { ca } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    };
    const timeoutMs = options.timeoutMs === undefined ? this.defaultTimeoutMs : options.timeoutMs;
    return new Promise<ApiResponse>((resolve, reject) => {
      const req = (https ? httpsRequest : httpRequest)(requestOptions, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          if ((res.headers['content-type'] ?? '').includes('json') && text) {
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      });
      req.on('error', reject);
      if (timeoutMs !== null)
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url.pathname} timed out`)));
      if (payload) req.write(payload);
      req.end();
    });
  }
}
