import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, waitFor, type TestIssuer } from '@switchyard/testing';
import { Bus } from '@switchyard/bus';
import { UserBanned, UserUnbanned } from '@switchyard/contracts/identity';
import { ConfigError } from './config';
import { EmbeddedInfra } from './infra';
import { startService, type RunningService } from './runtime';
import { recentSpans } from './tracing';
import { fixtureService } from './testing/fixture-service';

describe('service runtime', () => {
  let infra: EmbeddedInfra;
  let svc: RunningService;
  let issuer: TestIssuer;
  const url = (p: string) => `${svc.url}${p}`;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    infra = new EmbeddedInfra(undefined);
    svc = await startService(fixtureService, {
      infra,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DATA_DIR: '.data/test-runtime',
        AUTH_JWKS_URL: issuer.jwksUrl,
        INTERNAL_API_TOKEN: 'internal-token-for-the-runtime-tests',
      },
    });
  });
  afterAll(async () => {
    await svc.stop();
    await infra.close();
    await issuer.close();
  });

  it('refuses to start with a bad variable and names it', async () => {
    const err = await startService(fixtureService, {
      infra,
      env: { PORT: 'abc', FIXTURE_GREETING: 'x' },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message).toContain('invalid configuration for fixture');
    expect(message).toMatch(/PORT: .*got "abc"/);
    expect(message).toMatch(/FIXTURE_GREETING: .*got "x"/);
  });

  it('answers health and readiness with its checks', async () => {
    expect((await fetch(url('/healthz'))).status).toBe(200);
    const ready = await fetch(url('/readyz'));
    expect(ready.status).toBe(200);
    expect((await ready.json()).checks).toEqual({ database: 'ok', broker: 'ok', cache: 'ok' });
  });

  it('creates, reads, publishes through the outbox and consumes idempotently', async () => {
    const res = await fetch(url('/items'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'lamp' }),
    });
    expect(res.status).toBe(201);
    const item = await res.json();
    expect((await fetch(url(`/items/${item.id}`))).status).toBe(200);
    const db = (await infra.database('shop_fixture')).db;
    await waitFor(
      async () =>
        (
          await db
            .selectFrom('item_events' as never)
            .selectAll()
            .execute()
        ).length === 1,
      { message: 'event consumed' },
    );
  });

  it('carries the trace from the HTTP request through the outbox to the consumer', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(url('/items'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ name: 'traced' }),
    });
    expect(res.status).toBe(201);
    const spans = await waitFor(
      () => {
        const found = recentSpans(traceId);
        return found.some((s) => s.name === 'fixture.item_events process') ? found : undefined;
      },
      { message: 'consumer span in the same trace' },
    );
    const names = spans.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /items',
        'fixture_items_exchange publish',
        'fixture.item_events process',
      ]),
    );
    const server = spans.find((s) => s.name === 'POST /items')!;
    expect(server.parentSpanId).toBe('00f067aa0ba902b7');
    const publish = spans.find((s) => s.name === 'fixture_items_exchange publish')!;
    const consume = spans.find((s) => s.name === 'fixture.item_events process')!;
    expect(consume.parentSpanId).toBe(publish.spanId);
  });

  it('answers bad input with problem+json and field errors, never 500', async () => {
    const bad = await fetch(url('/items'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '' }),
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const body = await bad.json();
    expect(body).toMatchObject({ status: 400, title: 'Bad request' });
    expect(body.errors[0].path).toBe('body.name');

    const malformed = await fetch(url('/items'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).title).toBe('Bad request');

    const badParam = await fetch(url('/items/abc'));
    expect(badParam.status).toBe(400);
    expect((await badParam.json()).errors[0].path).toBe('param.id');

    const missing = await fetch(url('/items/999999'));
    expect(missing.status).toBe(404);
    expect((await missing.json()).detail).toBe('Item not found.');

    const unknownRoute = await fetch(url('/nope'));
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers.get('content-type')).toContain('application/problem+json');

    const huge = await fetch(url('/items'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
  });

  it('hides internal errors behind a generic 500 with the request id', async () => {
    const res = await fetch(url('/crash'), { headers: { 'x-request-id': 'req-crash-1' } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret internal detail');
    expect(text).not.toContain('at ');
    expect(JSON.parse(text).requestId).toBe('req-crash-1');
    expect(res.headers.get('x-request-id')).toBe('req-crash-1');
  });

  it('verifies tokens offline; a bad token on a public route is ignored, on a private one refused', async () => {
    const token = await issuer.sign({ sub: 'u1', roles: ['user'] });
    const me = await fetch(url('/me'), { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toEqual({ id: 'u1' });
    expect((await fetch(url('/me'))).status).toBe(401);
    const expired = await issuer.sign({ sub: 'u1', ttl: -120 });
    const res = await fetch(url('/me'), { headers: { authorization: `Bearer ${expired}` } });
    expect(res.status).toBe(401);
    expect((await res.json()).detail).toMatch(/expired/);
    // A public route still answers for a guest when the token is stale.
    expect(
      (await fetch(url('/items/1'), { headers: { authorization: `Bearer ${expired}` } })).status,
    ).not.toBe(401);
    const wrongAud = await issuer.sign({ sub: 'u1', aud: 'other' });
    expect((await fetch(url('/me'), { headers: { authorization: `Bearer ${wrongAud}` } })).status).toBe(401);
    const user = await fetch(url('/admin-only'), { headers: { authorization: `Bearer ${token}` } });
    expect(user.status).toBe(403);
    const admin = await issuer.sign({ sub: 'a1', roles: ['admin'] });
    expect((await fetch(url('/admin-only'), { headers: { authorization: `Bearer ${admin}` } })).status).toBe(
      200,
    );
  });

  it('refuses a banned user at once, and lets them back after unban', async () => {
    const token = await issuer.sign({ sub: 'banned-1' });
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(url('/me'), { headers: auth })).status).toBe(200);
    const identity = new Bus({ transport: await infra.transport(), service: 'identity' });
    await identity.publish(UserBanned, { userId: 'banned-1', reason: 'spam' });
    await waitFor(async () => (await fetch(url('/me'), { headers: auth })).status === 403, {
      message: 'ban applied',
    });
    const refused = await fetch(url('/items/1'), { headers: auth });
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toMatch(/banned/);
    await identity.publish(UserUnbanned, { userId: 'banned-1' });
    await waitFor(async () => (await fetch(url('/me'), { headers: auth })).status === 200, {
      message: 'unban applied',
    });
  });

  it('lists and replays dead letters for admins only', async () => {
    await fetch(url('/items'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'poison' }),
    });
    const admin = await issuer.sign({ sub: 'a1', roles: ['admin'] });
    const auth = { authorization: `Bearer ${admin}` };
    const listed = await waitFor(
      async () => {
        const body = await (await fetch(url('/admin/dead-letters'), { headers: auth })).json();
        return body.queues[0].deadLetters.length === 1 ? body : undefined;
      },
      { message: 'dead letter listed' },
    );
    expect(listed.queues[0].queue).toBe('fixture.item_events');
    expect(listed.queues[0].deadLetters[0].failure.error).toBe('poison item refused');
    const user = await issuer.sign({ sub: 'u2' });
    expect(
      (await fetch(url('/admin/dead-letters'), { headers: { authorization: `Bearer ${user}` } })).status,
    ).toBe(403);
    expect((await fetch(url('/admin/dead-letters'))).status).toBe(401);
    const replay = await fetch(url('/admin/dead-letters/replay'), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ queue: 'fixture.item_events' }),
    });
    expect(await replay.json()).toEqual({ replayed: 1 });
    const unknown = await fetch(url('/admin/dead-letters?queue=nope'), { headers: auth });
    expect(unknown.status).toBe(404);
  });

  it('exposes RED and bus metrics for Prometheus', async () => {
    const text = await (await fetch(url('/metrics'))).text();
    const line = (name: string, ...labels: string[]) =>
      text.split('\n').some((l) => l.startsWith(name) && labels.every((x) => l.includes(x)));
    expect(
      line(
        'http_server_request_duration_seconds_bucket',
        'route="/items/:id"',
        'service="fixture"',
        'status="200"',
      ),
    ).toBe(true);
    expect(line('http_server_requests_total', 'route="/items"', 'status="400"')).toBe(true);
    expect(
      line(
        'bus_messages_published_total',
        'exchange="fixture_items_exchange"',
        'type="fixture.item_created"',
      ),
    ).toBe(true);
    expect(line('bus_messages_consumed_total', 'queue="fixture.item_events"', 'outcome="ack"')).toBe(true);
    expect(line('bus_messages_consumed_total', 'queue="fixture.item_events"', 'outcome="dead"')).toBe(true);
    expect(line('bus_queue_depth', 'queue="fixture.item_events.dlq"')).toBe(true);
  });

  it('serves /internal endpoints only to callers with the internal token', async () => {
    expect((await fetch(url('/internal/ping'))).status).toBe(404);
    expect(
      (
        await fetch(url('/internal/ping'), {
          headers: { 'x-internal-token': 'wrong-token-of-the-same-size-xxxxxx' },
        })
      ).status,
    ).toBe(404);
    const ok = await fetch(url('/internal/ping'), {
      headers: { 'x-internal-token': 'internal-token-for-the-runtime-tests' },
    });
    expect(await ok.json()).toEqual({ pong: true });
  });

  it('seals secrets at rest with a per-service key', async () => {
    const res = await fetch(url('/sealed'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret: 'session-string-xyz' }),
    });
    const body = await res.json();
    expect(body.opened).toBe('session-string-xyz');
    expect(body.sealed).not.toContain('session-string-xyz');
    expect(body.sealed).toMatch(/^v1\./);
  });

  it('keeps secrets carried in a path out of spans', async () => {
    await fetch(url('/hidden/super-secret-token'));
    const spans = await waitFor(() => {
      const found = recentSpans().filter((s) =>
        String(s.attributes['url.path'] ?? '').startsWith('/hidden/'),
      );
      return found.length ? found : undefined;
    });
    expect(JSON.stringify(spans)).not.toContain('super-secret-token');
  });

  it('publishes an OpenAPI 3.1 document and a docs page', async () => {
    const doc = await (await fetch(url('/openapi.json'))).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0].url).toBe('/api/shop/fixture');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/items', '/items/{id}', '/admin/dead-letters']),
    );
    const page = await fetch(url('/docs'));
    expect(await page.text()).toContain('swagger-ui');
    expect((await fetch(url('/docs/swagger-ui-bundle.js'))).status).toBe(200);
  });
});

describe('graceful shutdown', () => {
  it('finishes requests in flight, then refuses new ones', async () => {
    const infra = new EmbeddedInfra(undefined);
    const svc = await startService(fixtureService, {
      infra,
      env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: '.data/test-runtime' },
    });
    const inFlight = fetch(`${svc.url}/slow?ms=400`).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await svc.stop();
    expect(await inFlight).toEqual({ done: true });
    expect(Date.now() - started).toBeLessThan(3000);
    await expect(fetch(`${svc.url}/healthz`)).rejects.toThrow();
    await infra.close();
  });
});
