import { afterAll, beforeAll, describe, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import {
  startDistributed,
  startEmbedded,
  type DistributedSystem,
  type EmbeddedSystem,
} from '@switchyard/runner';
import { describeWith, waitFor } from '@switchyard/testing';
import { ownSystemInfra, type SystemInfra } from '@switchyard/testing/system';
import { findEntry } from '../../registry';
import { cinemaJourney } from './flow';

const entries = () => ['gateway', 'identity', 'mailer', 'cinema/films'].map(findEntry);
const quiet = {
  LOG_LEVEL: 'warn',
  IDENTITY_KEY_ACTIVATION_DELAY_SECONDS: '0',
  RATE_LIMIT_PER_MINUTE: '100000',
};

describe('Cinema in embedded mode (code from the captured inbox)', () => {
  let system: EmbeddedSystem;
  beforeAll(async () => {
    system = await startEmbedded({ entries: entries(), ports: 'auto', env: quiet });
  });
  afterAll(async () => system?.stop());

  it('register → inbox code → redeem → login → rate, comment → refresh → logout everywhere', async () => {
    await cinemaJourney(system.gatewayUrl!, async (email) => {
      const inbox = await waitFor(async () => {
        const body = await (
          await fetch(`${system.gatewayUrl}/api/mail/inbox?to=${encodeURIComponent(email)}`)
        ).json();
        return body.items?.length ? body : undefined;
      });
      return inbox.items[0].highlight;
    });
  });
});

describeWith('RABBITMQ_URL', 'Cinema in distributed mode (code from a real SMTP server)', () => {
  const mails: { to: string; raw: string }[] = [];
  let smtp: SMTPServer;
  let system: DistributedSystem;
  let infra: SystemInfra;

  beforeAll(async () => {
    infra = await ownSystemInfra('cinema');
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        let raw = '';
        stream.on('data', (d: Buffer) => (raw += d.toString()));
        stream.on('end', () => {
          for (const rcpt of session.envelope.rcptTo) mails.push({ to: rcpt.address, raw });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const port = (smtp.server.address() as { port: number }).port;
    system = await startDistributed({
      entries: entries(),
      ports: 'auto',
      env: {
        ...quiet,
        ...infra.env,
        SMTP_URL: `smtp://127.0.0.1:${port}`,
      },
      output: () => undefined,
    });
    await system.ready(180_000);
  });
  afterAll(async () => {
    await system?.stop();
    await new Promise<void>((r) => smtp?.close(() => r()));
    await infra?.drop();
  });

  it('register → SMTP code → redeem → login → rate, comment → refresh → logout everywhere', async () => {
    await cinemaJourney(system.gatewayUrl!, async (email) => {
      const mail = await waitFor(() => mails.find((m) => m.to === email), {
        timeoutMs: 30_000,
        message: 'the code by SMTP',
      });
      const code = /\b(\d{6})\b/.exec(mail.raw.replace(/=\r?\n/g, ''));
      return code![1]!;
    });
  });
});
