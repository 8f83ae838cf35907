// The sandbox as other services' tests start it: on their embedded infrastructure, quiet (no
// background chatter, no demo world unless asked), with its world API at hand. Tests only.
import { startService, type Infra, type RunningService } from '@switchyard/kit';
import { SandboxTelegramGateway } from '@switchyard/telegram/sandbox';
import { fetchJson } from '@switchyard/testing';
import { service } from '../main';

export interface TestSandboxOptions {
  /** The environment every service of the test shares (PORT, DATA_DIR, LOG_LEVEL, tokens...). */
  env: Record<string, string>;
  /** SANDBOX_TIME_SCALE: how much faster than real time the world runs (1 by default). */
  timeScale?: number;
  /** `open` (default): anyone may drive the world. `roles`: `worldToken` signs the world calls. */
  controlAuth?: 'open' | 'roles';
  /** A bearer token with the operator role, for `controlAuth: 'roles'`. */
  worldToken?: () => Promise<string>;
  /** The demo world (accounts, chats, members) of `npm start`; off by default. */
  demoWorld?: boolean;
  /** Anything else for the sandbox's own environment. */
  sandboxEnv?: Record<string, string>;
}

export interface SignedInAccount {
  /** The sandbox's account id (for faults). */
  worldId: string;
  /** Its Telegram user id. */
  userId: string;
  session: string;
}

export interface TestSandbox {
  service: RunningService;
  url: string;
  /** The world API (users, chats, faults, codes), JSON in and out; a refusal throws. */
  world<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  /** The newest login code the sandbox sent to `phone`. */
  loginCode(phone: string): Promise<string>;
  /** A new account (`spec` as POST /world/accounts takes it) signed in through the client API. */
  signedInAccount(phone: string, spec?: Record<string, unknown>): Promise<SignedInAccount>;
  stop(): Promise<void>;
}

export async function startTestSandbox(infra: Infra, options: TestSandboxOptions): Promise<TestSandbox> {
  const running = await startService(service, {
    infra,
    env: {
      ...options.env,
      SANDBOX_CONTROL_AUTH: options.controlAuth ?? 'open',
      SANDBOX_CHATTER: 'off',
      SANDBOX_DEMO_WORLD: String(options.demoWorld ?? false),
      SANDBOX_TIME_SCALE: String(options.timeScale ?? 1),
      ...options.sandboxEnv,
    },
  });
  const world = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const token = options.worldToken ? await options.worldToken() : undefined;
    return fetchJson<T>(method, `${running.url}${path}`, {
      body,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  };
  const loginCode = async (phone: string) => {
    const codes = await world<{ items: { code: string }[] }>(
      'GET',
      `/world/codes?phone=${phone.replace(/\D/g, '')}`,
    );
    const code = codes.items.at(-1)?.code;
    if (!code) throw new Error(`the sandbox sent no login code to ${phone}`);
    return code;
  };
  const gateway = new SandboxTelegramGateway({ baseUrl: running.url });
  return {
    service: running,
    url: running.url,
    world,
    loginCode,
    async signedInAccount(phone, spec = {}) {
      const created = await world<{ id: string | number; userId: string | number }>(
        'POST',
        '/world/accounts',
        {
          phone,
          ...spec,
        },
      );
      const pending = await gateway.sendCode(phone);
      const result = await gateway.signIn(pending, await loginCode(phone));
      if (result.status !== 'signed_in') throw new Error(`${phone} asks for a 2FA password`);
      return {
        worldId: String(created.id),
        userId: String(created.userId ?? result.user.id),
        session: result.session,
      };
    },
    async stop() {
      await gateway.close();
      await running.stop();
    },
  };
}
