/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers of many shapes, read by tests */
import { EmbeddedInfra, startService, type RunningService } from '@switchyard/kit';
import { service } from '../src/main';

export interface Sandbox {
  url: string;
  running: RunningService;
  infra: EmbeddedInfra;
  api: WorldApi;
  stop(): Promise<void>;
}

/** Starts the sandbox service on a free port over an in-memory (or shared) embedded infra. */
export async function startSandbox(
  env: Record<string, string> = {},
  infra: EmbeddedInfra = new EmbeddedInfra(undefined),
  ownsInfra = true,
): Promise<Sandbox> {
  const running = await startService(service, {
    infra,
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: '.data/tmp/telegram-sandbox-tests',
      SANDBOX_CONTROL_AUTH: 'open',
      SANDBOX_DEMO_WORLD: 'false',
      SANDBOX_CHATTER: 'off',
      ...env,
    },
  });
  return {
    url: running.url,
    running,
    infra,
    api: new WorldApi(running.url),
    stop: async () => {
      await running.stop();
      if (ownsInfra) await infra.close();
    },
  };
}

/** The world-control API, for arranging tests. */
export class WorldApi {
  constructor(
    readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async call<T = any>(method: string, path: string, body?: unknown, expected?: number): Promise<T> {
    const res = await fetch(this.base + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (expected !== undefined ? res.status !== expected : !res.ok)
      throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  post = <T = any>(path: string, body: unknown = {}) => this.call<T>('POST', path, body);
  get = <T = any>(path: string) => this.call<T>('GET', path);

  private phones = 0;
  /** A unique phone number for a new account. */
  nextPhone(): string {
    return `+7900${String(Date.now() % 1_000_000).padStart(6, '0')}${String(this.phones++).padStart(2, '0')}`;
  }

  async code(phone: string): Promise<string> {
    const { items } = await this.get<{ items: { code: string }[] }>(
      `/world/codes?phone=${encodeURIComponent(phone)}`,
    );
    const last = items[items.length - 1];
    if (!last) throw new Error(`no code for ${phone}`);
    return last.code;
  }

  async accountByPhone(phone: string): Promise<{ id: string; userId: string }> {
    const { items } = await this.get<{ items: { id: string; userId: string; phone: string }[] }>(
      '/world/accounts',
    );
    const found = items.find((a) => a.phone === phone);
    if (!found) throw new Error(`no account ${phone}`);
    return found;
  }
}
