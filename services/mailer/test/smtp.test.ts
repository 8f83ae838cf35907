import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { startTestIssuer, waitFor, type TestIssuer } from '@switchyard/testing';
import { startMailer, type MailerHarness } from './harness';

interface Received {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

/** A real SMTP server on a free port that keeps what it receives and can be told to refuse. */
async function startSmtp() {
  const received: Received[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'mailer' && auth.password === 's3cret') return cb(null, { user: auth.username });
      cb(new Error('bad credentials'));
    },
    onRcptTo(address, _session, cb) {
      if (state.refuse) {
        const err = Object.assign(new Error('mailbox unavailable'), { responseCode: 450 });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { received, state, port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Just enough MIME to read a message: headers, and each text part decoded. */
function parseMail(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head!.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  const decodeWords = (v: string) =>
    v.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQp(text.replace(/_/g, ' ')),
    );
  const body = rest.join('\n\n');
  const boundary = /boundary="?([^";]+)"?/i.exec(header('Content-Type'))?.[1];
  const parts: Record<string, string> = {};
  for (const part of boundary ? body.split(`--${boundary}`) : [raw]) {
    const [partHead, ...partBody] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    const type = /content-type: ([^;\s]+)/i.exec(partHead ?? '')?.[1]?.toLowerCase();
    if (!type?.startsWith('text/')) continue;
    const encoding = /content-transfer-encoding: (\S+)/i.exec(partHead ?? '')?.[1]?.toLowerCase();
    const content = partBody.join('\n\n');
    parts[type] =
      encoding === 'base64'
        ? Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? decodeQp(content)
          : content;
  }
  return { subject: decodeWords(header('Subject')), from: header('From'), to: header('To'), parts };
}

function decodeQp(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => `%${h}`)
    .replace(/%(?![0-9A-F]{2})/gi, '%25');
  try {
    return decodeURIComponent(bytes);
  } catch {
    return text;
  }
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let m: MailerHarness;
let issuer: TestIssuer;

beforeAll(async () => {
  smtp = await startSmtp();
  issuer = await startTestIssuer();
  m = await startMailer({
    SMTP_URL: `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Switchyard Test <no-reply@switchyard.test>',
    MAILER_RETRY_ATTEMPTS: '3',
    MAILER_RETRY_DELAY_MS: '50',
    AUTH_JWKS_URL: issuer.jwksUrl,
  });
});
afterAll(async () => {
  await m?.stop();
  await smtp?.close();
  await issuer?.close();
});

describe('SMTP adapter', () => {
  it('delivers the rendered mail over SMTP with authentication', async () => {
    await m.send({
      to: 'gus@example.com',
      template: 'verification-code',
      variables: { code: '555555', firstName: 'Gus' },
    });
    const mail = await waitFor(() => smtp.received.find((r) => r.to.includes('gus@example.com')), {
      message: 'smtp delivery',
    });
    expect(mail.user).toBe('mailer');
    expect(mail.from).toBe('no-reply@switchyard.test');
    const parsed = parseMail(mail.raw);
    expect(parsed.subject).toBe('Your verification code: 555555');
    expect(parsed.from).toContain('Switchyard Test');
    expect(parsed.to).toBe('gus@example.com');
    expect(parsed.parts['text/plain']).toContain('555555');
    expect(parsed.parts['text/plain']).toContain('Hello, Gus!');
    expect(parsed.parts['text/html']).toContain('555555');
    expect(parsed.parts['text/html']).toContain('<!doctype html>');
  });

  it('delivers Russian mail with an encoded subject and body', async () => {
    await m.send({
      to: 'ivan@example.com',
      template: 'password-reset',
      locale: 'ru',
      variables: { code: '666666', firstName: 'Иван' },
    });
    const mail = await waitFor(() => smtp.received.find((r) => r.to.includes('ivan@example.com')), {
      message: 'ru delivery',
    });
    const parsed = parseMail(mail.raw);
    expect(parsed.subject).toBe('Код для сброса пароля');
    expect(parsed.parts['text/plain']).toContain('Здравствуйте, Иван!');
    expect(parsed.parts['text/plain']).toContain('666666');
  });

  it('has no captured inbox: 404', async () => {
    expect((await m.get('/inbox')).status).toBe(404);
    expect((await m.get('/inbox/view')).status).toBe(404);
  });

  it('records sent mail in the log without keeping the body', async () => {
    const admin = await issuer.sign({ sub: 'a1', roles: ['admin'] });
    const log = await (await m.get('/log?to=gus@example.com', { authorization: `Bearer ${admin}` })).json();
    expect(log.items).toEqual([
      expect.objectContaining({ transport: 'smtp', status: 'sent', template: 'verification-code' }),
    ]);
    const db = (await m.infra.database('mailer')).db as never as {
      selectFrom(t: string): { selectAll(): { execute(): Promise<Record<string, unknown>[]> } };
    };
    const rows = await db.selectFrom('mails').selectAll().execute();
    const gus = rows.find((r) => r.recipient === 'gus@example.com')!;
    expect(gus.html_body).toBeNull();
    expect(gus.text_body).toBeNull();
    expect(gus.message_id).toBeTruthy();
  });

  it('retries a refused send, then dead-letters it and logs the failure', async () => {
    smtp.state.refuse = true;
    try {
      await m.send({ to: 'lost@example.com', template: 'welcome' });
      const transport = await m.infra.transport();
      const dead = await waitFor(
        async () =>
          (await transport.listDeadLetters('mailer.mail_requests', 10)).find((d) =>
            d.body.includes('lost@example.com'),
          ),
        { message: 'dead letter', timeoutMs: 15_000 },
      );
      expect(dead.failure.attempts).toBe(3);
      expect(dead.failure.error).toMatch(/mailbox unavailable|450/);
      const admin = await issuer.sign({ sub: 'a1', roles: ['admin'] });
      const log = await (await m.get('/log?status=failed', { authorization: `Bearer ${admin}` })).json();
      expect(log.items[0]).toMatchObject({ to: 'lost@example.com', status: 'failed', attempts: 3 });
    } finally {
      smtp.state.refuse = false;
    }
  });
});
