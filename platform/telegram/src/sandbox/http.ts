import { SANDBOX_KEY_HEADER } from '@switchyard/contracts';
import type { TelegramError } from '../errors';
import { TelegramUnknownError } from '../errors';
import { errorFromRpcText } from '../rpc-errors';

export interface SandboxHttpOptions {
  /** The sandbox service's base URL (`http://127.0.0.1:8131`, or through the gateway). */
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** JSON calls to the sandbox's client API; Telegram errors come back typed. */
export class SandboxHttp {
  readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: SandboxHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    key: string | undefined,
    context: { link?: string } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers[SANDBOX_KEY_HEADER] = key;
    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new TelegramUnknownError(err);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.ok) return json as T;
    throw this.failure(res.status, json, context);
  }

  /** Opens the account's update stream (server-sent events). */
  stream(path: string, key: string, signal: AbortSignal): Promise<Response> {
    return this.fetchFn(`${this.baseUrl}${path}`, {
      headers: { accept: 'text/event-stream', [SANDBOX_KEY_HEADER]: key },
      signal,
    });
  }

  failure(status: number, body: unknown, context: { link?: string } = {}): TelegramError {
    const rpc = (body as { rpc?: { code?: number; text?: string } } | undefined)?.rpc;
    if (rpc?.text) return errorFromRpcText(rpc.text, context) ?? new TelegramUnknownError(rpc, rpc.text);
    const detail = (body as { detail?: string } | undefined)?.detail;
    return new TelegramUnknownError(new Error(`sandbox answered ${status}${detail ? `: ${detail}` : ''}`));
  }
}
