import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureService } from '@switchyard/kit/testing';
import { startEmbedded, type EmbeddedSystem } from '@switchyard/runner';
import { service as gateway } from '../src/main';

describe('gateway', () => {
  let system: EmbeddedSystem;
  let base: string;
  const webDir = mkdtempSync(join(tmpdir(), 'gateway-web-'));

  beforeAll(async () => {
    mkdirSync(join(webDir, 'demo', 'dist', 'assets'), { recursive: true });
    writeFileSync(join(webDir, 'demo', 'dist', 'index.html'), '<!doctype html><title>demo app</title>');
    writeFileSync(join(webDir, 'demo', 'dist', 'assets', 'app.js'), 'console.log(1)');
    system = await startEmbedded({
      entries: [
        { id: 'gateway', port: 0, load: async () => gateway },
        { id: 'shop/fixture', port: 0, load: async () => fixtureService },
      ],
      ports: 'auto',
      env: {
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MINUTE: '500',
        BODY_LIMIT_BYTES: '2048',
        UPSTREAM_TIMEOUT_MS: '300',
        WEB_DIR: webDir,
      },
    });
    base = system.gatewayUrl!;
  });
  afterAll(async () => {
    await system.stop();
  });

  it('routes /api/<system>/<service>/... to the service with the prefix stripped', async () => {
    const created = await fetch(`${base}/api/shop/fixture/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'via gateway' }),
    });
    expect(created.status).toBe(201);
    const item = await created.json();
    const got = await fetch(`${base}/api/shop/fixture/items/${item.id}?x=1`);
    expect(await got.json()).toEqual({ id: item.id, name: 'via gateway' });
  });

  it('sets and forwards request ids and security headers', async () => {
    const res = await fetch(`${base}/api/shop/fixture/items/1`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const generated = await fetch(`${base}/api/shop/fixture/items/1`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists every service with its readiness and OpenAPI URL', async () => {
    const body = await (await fetch(`${base}/api/system/services`)).json();
    expect(body.ready).toBe(true);
    expect(body.services).toEqual([
      expect.objectContaining({
        name: 'fixture',
        system: 'shop',
        path: '/api/shop/fixture',
        ready: true,
        openapi: '/api/shop/fixture/openapi.json',
      }),
    ]);
    const doc = await (await fetch(`${base}${body.services[0].openapi}`)).json();
    expect(doc.openapi).toBe('3.1.0');
  });

  it('answers unknown API paths with a 404 problem', async () => {
    const res = await fetch(`${base}/api/nothing/here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses bodies over the limit before they reach a service', async () => {
    const res = await fetch(`${base}/api/shop/fixture/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(5000) }),
    });
    expect(res.status).toBe(413);
  });

  it('never forwards /internal paths, even with the token', async () => {
    const res = await fetch(`${base}/api/shop/fixture/internal/ping`, {
      headers: { 'x-internal-token': 'anything-at-all-here-123456' },
    });
    expect(res.status).toBe(404);
  });

  it('lets a response stream past the deadline once its headers arrived', async () => {
    const res = await fetch(`${base}/api/shop/fixture/stream`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.match(/data: \d/g)).toHaveLength(5);
  });

  it('answers 504 when a service does not answer in time', async () => {
    const res = await fetch(`${base}/api/shop/fixture/slow?ms=1000`);
    expect(res.status).toBe(504);
  });

  it('serves a built web app: files, client routes, and the slash redirect with its query', async () => {
    const redirect = await fetch(`${base}/demo?genre=Drama`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/demo/?genre=Drama');
    const index = await fetch(`${base}/demo/`);
    expect(await index.text()).toContain('demo app');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const route = await fetch(`${base}/demo/films/the-martian-2015`);
    expect(await route.text()).toContain('demo app');
    const asset = await fetch(`${base}/demo/assets/app.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/demo/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/demo/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('serves the landing page', async () => {
    const html = await (await fetch(`${base}/`)).text();
    expect(html).toContain('/api/shop/fixture/docs');
  });
});

describe('gateway rate limit and unavailable services', () => {
  let system: EmbeddedSystem;
  beforeAll(async () => {
    system = await startEmbedded({
      entries: [
        { id: 'gateway', port: 0, load: async () => gateway },
        { id: 'shop/fixture', port: 0, load: async () => fixtureService },
      ],
      ports: 'auto',
      env: { LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '5' },
    });
  });
  afterAll(async () => {
    await system.stop();
  });

  it('limits each client per minute with RateLimit headers, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await fetch(`${system.gatewayUrl}/api/shop/fixture/items/1`);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('answers 503 quickly when a service is down', async () => {
    await system.services.find((s) => s.name === 'fixture')!.stop();
    const started = Date.now();
    const res = await fetch(`${system.gatewayUrl}/api/system/services`);
    const body = await res.json();
    expect(body.services[0].ready).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
