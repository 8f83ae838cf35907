import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, waitFor, type TestIssuer } from '@switchyard/testing';
import { startMailer, type MailerHarness } from './harness';

let m: MailerHarness;
let issuer: TestIssuer;
beforeAll(async () => {
  issuer = await startTestIssuer();
  m = await startMailer({
    AUTH_JWKS_URL: issuer.jwksUrl,
    MAILER_RETRY_ATTEMPTS: '2',
    MAILER_RETRY_DELAY_MS: '20',
  });
});
afterAll(async () => {
  await m?.stop();
  await issuer?.close();
});

const json = async (path: string) => (await m.get(path)).json();
const inboxOf = (to: string) => json(`/inbox?to=${encodeURIComponent(to)}`);

describe('captured inbox', () => {
  it('captures requested mail and lists it newest first with the code', async () => {
    await m.send({
      to: 'ann@example.com',
      template: 'verification-code',
      variables: { code: '111111', firstName: 'Ann' },
    });
    await m.send({
      to: 'ann@example.com',
      template: 'password-reset',
      locale: 'ru',
      variables: { code: '222222' },
    });
    await m.send({ to: 'bob@example.com', template: 'welcome', variables: { firstName: 'Bob' } });
    const inbox = await waitFor(
      async () => {
        const body = await inboxOf('ann@example.com');
        return body.total === 2 ? body : undefined;
      },
      { message: 'two mails for ann' },
    );
    expect(inbox.items.map((i: { highlight: string }) => i.highlight)).toEqual(['222222', '111111']);
    expect(inbox.items[0]).toMatchObject({
      to: 'ann@example.com',
      template: 'password-reset',
      locale: 'ru',
      subject: 'Код для сброса пароля',
    });
    expect(inbox.items[1].subject).toBe('Your verification code: 111111');

    const page = await json('/inbox?to=ANN@example.com&limit=1&offset=1');
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.items[0].highlight).toBe('111111');
    expect((await m.get('/inbox?limit=500')).status).toBe(400);
  });

  it('returns one message with its HTML and text bodies', async () => {
    await m.send({
      to: 'carl@example.com',
      template: 'email-change',
      variables: { code: '333333', firstName: 'Carl' },
    });
    const { items } = await waitFor(
      async () => {
        const body = await inboxOf('carl@example.com');
        return body.total === 1 ? body : undefined;
      },
      { message: 'mail for carl' },
    );
    const mail = await json(`/inbox/${items[0].id}`);
    expect(mail.html).toContain('333333');
    expect(mail.html).toContain('Carl');
    expect(mail.text).toContain('333333');
    expect((await m.get('/inbox/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await m.get('/inbox/not-an-id')).status).toBe(400);
  });

  it('serves an HTML page with the code shown large, escaping, and a CSP without scripts', async () => {
    await m.send({
      to: 'dora@example.com',
      template: 'verification-code',
      variables: { code: '444444', firstName: '<script>alert(1)</script>' },
    });
    await waitFor(async () => (await inboxOf('dora@example.com')).total === 1, { message: 'mail for dora' });
    const res = await m.get('/inbox/view?to=dora@example.com');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).not.toContain('script-src');
    const page = await res.text();
    expect(page).toMatch(/<div class="code"[^>]*>444444<\/div>/);
    expect(page).not.toContain('<script');
    expect(page).toContain('&lt;script&gt;');
    expect(page).toContain('value="dora@example.com"');

    const empty = await (await m.get('/inbox/view?to=%22%3E%3Cscript%3Ex@example.com')).text();
    expect(empty).not.toContain('"><script>');
    expect(empty).toContain('No mail');
  });

  it('dead-letters unknown templates and bad variables at once, and keeps consuming', async () => {
    await m.send({ to: 'eve@example.com', template: 'no-such-template' });
    await m.send({ to: 'eve@example.com', template: 'verification-code', variables: { code: 'not-a-code' } });
    const transport = await m.infra.transport();
    const dead = await waitFor(
      async () => {
        const letters = await transport.listDeadLetters('mailer.mail_requests', 10);
        return letters.length >= 2 ? letters : undefined;
      },
      { message: 'dead letters' },
    );
    expect(dead.map((d) => d.failure.error).join('\n')).toMatch(/unknown mail template no-such-template/);
    expect(dead.map((d) => d.failure.attempts)).toEqual([1, 1]);
    await m.send({ to: 'eve@example.com', template: 'welcome' });
    await waitFor(async () => (await inboxOf('eve@example.com')).total === 1, {
      message: 'mail after the bad ones',
    });
  });

  it('captures a redelivered request once', async () => {
    const transport = await m.infra.transport();
    const { buildEnvelope } = await import('@switchyard/bus');
    const { MailRequested } = await import('@switchyard/contracts/mail');
    const envelope = buildEnvelope('test', MailRequested, {
      to: 'fay@example.com',
      template: 'welcome',
      locale: 'en',
      variables: {},
      requestedBy: 'test',
    });
    const message = {
      exchange: 'mail_exchange',
      routingKey: 'mail.requested',
      messageId: envelope.id,
      body: Buffer.from(JSON.stringify(envelope)),
      headers: { 'x-event-type': 'mail.requested' },
    };
    await transport.publish(message);
    await transport.publish(message);
    await waitFor(async () => (await inboxOf('fay@example.com')).total >= 1, { message: 'mail for fay' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await inboxOf('fay@example.com')).total).toBe(1);
  });

  it('shows the mail log to admins only', async () => {
    expect((await m.get('/log')).status).toBe(401);
    const user = await issuer.sign({ sub: 'u1', roles: ['user'] });
    expect((await m.get('/log', { authorization: `Bearer ${user}` })).status).toBe(403);
    const admin = await issuer.sign({ sub: 'a1', roles: ['admin'] });
    const log = await (await m.get('/log?to=ann@example.com', { authorization: `Bearer ${admin}` })).json();
    expect(log.total).toBe(2);
    expect(log.items[0]).toMatchObject({
      transport: 'captured',
      status: 'captured',
      attempts: 1,
      requestedBy: 'test',
    });
    expect(log.items[0].html).toBeUndefined();
  });
});
