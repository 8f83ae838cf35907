import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus } from '@switchyard/bus';
import { MailRequested } from '@switchyard/contracts/mail';
import { EmbeddedInfra, startService, type RunningService } from '@switchyard/kit';
import { service } from '../src/main';

export interface MailerHarness {
  svc: RunningService;
  infra: EmbeddedInfra;
  publisher: Bus;
  send(mail: {
    to: string;
    template: string;
    locale?: 'ru' | 'en';
    variables?: Record<string, string | number>;
  }): Promise<string>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/** The mailer alone on an in-memory embedded infrastructure, with a bus to ask it for mail. */
export async function startMailer(env: Record<string, string> = {}): Promise<MailerHarness> {
  const infra = new EmbeddedInfra(undefined);
  const dataDir = await mkdtemp(join(tmpdir(), 'mailer-test-'));
  const svc = await startService(service, {
    infra,
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
      DATA_DIR: dataDir,
      ...env,
    },
  });
  const publisher = new Bus({ transport: await infra.transport(), service: 'test-sender' });
  return {
    svc,
    infra,
    publisher,
    send: async (mail) =>
      (
        await publisher.publish(MailRequested, {
          locale: 'en',
          variables: {},
          requestedBy: 'test',
          ...mail,
        })
      ).id,
    get: (path, headers) => fetch(`${svc.url}${path}`, { headers }),
    stop: async () => {
      await svc.stop();
      await infra.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
