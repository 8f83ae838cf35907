import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, on } from '@switchyard/bus';
import { MailRequested } from '@switchyard/contracts/mail';
import { EmbeddedInfra, startService, type RunningService } from '@switchyard/kit';
import { waitFor } from '@switchyard/testing';
import { service } from '../src/main';

export type Mail = {
  to: string;
  template: string;
  locale: string;
  variables: Record<string, string | number>;
};

export interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience
  body: any;
}

export interface Harness {
  svc: RunningService;
  infra: EmbeddedInfra;
  url: string;
  mails: Mail[];
  call(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<Reply>;
  /** The latest code mailed to `to` with `template`, waiting for it to arrive. */
  codeFor(to: string, template: string, after?: number): Promise<string>;
  /** Registers, redeems the mailed code and returns fresh tokens of an active user. */
  activeUser(
    email: string,
    password?: string,
  ): Promise<{ id: string; accessToken: string; refreshToken: string }>;
  stop(): Promise<void>;
}

export const OWNER = { email: 'owner@test.local', password: 'owner-password-1' };

/** Identity alone on an in-memory embedded infrastructure, with the mail it requests captured. */
export async function startIdentity(env: Record<string, string> = {}): Promise<Harness> {
  const infra = new EmbeddedInfra(undefined);
  const dataDir = await mkdtemp(join(tmpdir(), 'identity-test-'));
  const svc = await startService(service, {
    infra,
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
      DATA_DIR: dataDir,
      DEMO_USERS: 'false',
      OWNER_EMAIL: OWNER.email,
      OWNER_PASSWORD: OWNER.password,
      IDENTITY_KEY_ACTIVATION_DELAY_SECONDS: '0',
      IDENTITY_CODES_PER_MINUTE: '100',
      IDENTITY_CODES_PER_HOUR: '100',
      ...env,
    },
  });
  const mails: Mail[] = [];
  const listener = new Bus({
    transport: await infra.transport(),
    service: 'test-mail',
    logger: console as never,
  });
  await listener.subscribe({
    name: 'mail',
    handlers: [on(MailRequested, async (mail) => void mails.push(mail))],
  });

  const call: Harness['call'] = async (method, path, options = {}) => {
    const res = await fetch(`${svc.url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, body };
  };

  const codeFor: Harness['codeFor'] = async (to, template, after = 0) => {
    const mail = await waitFor(
      () =>
        mails
          .slice(after)
          .filter((m) => m.to === to && m.template === template)
          .at(-1),
      { message: `${template} mail to ${to}` },
    );
    return String(mail.variables.code);
  };

  const activeUser: Harness['activeUser'] = async (email, password = 'correct horse battery') => {
    const before = mails.length;
    const reg = await call('POST', '/register', { body: { email, password, firstName: 'Test' } });
    if (reg.status !== 201) throw new Error(`register ${reg.status}: ${JSON.stringify(reg.body)}`);
    const code = await codeFor(email, 'verification-code', before);
    const redeemed = await call('POST', '/redeem-code', { token: reg.body.accessToken, body: { code } });
    if (redeemed.status !== 200)
      throw new Error(`redeem ${redeemed.status}: ${JSON.stringify(redeemed.body)}`);
    return {
      id: reg.body.user.id,
      accessToken: redeemed.body.accessToken,
      refreshToken: reg.body.refreshToken,
    };
  };

  return {
    svc,
    infra,
    url: svc.url,
    mails,
    call,
    codeFor,
    activeUser,
    stop: async () => {
      await listener.stopConsuming();
      await svc.stop();
      await infra.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function loginAs(h: Harness, email: string, password: string): Promise<Reply> {
  return h.call('POST', '/login', { body: { email, password } });
}
