import { ServiceCallError, ServiceClient, ServiceUnavailableError } from '@switchyard/http';
import { describe, expect, it } from 'vitest';
import { AccountsApiClient } from './accounts-api';
import { SessionLeaseHeld, SessionLeaseLost } from './lease';

interface Call {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A client whose owner answers every call with `answer`, recording what it was sent. */
function clientAnswering(
  answer: (call: Call) => { status: number; body?: unknown },
  options: { serviceName?: string } = { serviceName: 'coolthing-bot' },
) {
  const calls: Call[] = [];
  const service = new ServiceClient('coolthing/admin', 'http://admin.test', {
    attempts: 1,
    fetch: async (url, init) => {
      const call: Call = {
        method: init.method ?? 'GET',
        path: url.pathname,
        query: url.search,
        headers: init.headers as Record<string, string>,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      };
      calls.push(call);
      const { status, body } = answer(call);
      return new Response(status === 204 || body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
      });
    },
  });
  return { calls, api: new AccountsApiClient(() => service, options) };
}

const problem = (status: number, extra: Record<string, unknown> = {}) => ({
  status,
  body: { type: 'about:blank', title: 'Problem', status, ...extra },
});

describe('AccountsApiClient', () => {
  it('reads credentials, keeping only what is set, and names the calling service', async () => {
    const { api, calls } = clientAnswering(() => ({
      status: 200,
      body: {
        accountId: 'acc 1',
        session: 'sess',
        apiId: 12345,
        apiHash: null,
        proxy: { type: 'socks5', host: 'proxy.example', port: 1080 },
      },
    }));
    expect(await api.credentials('acc 1')).toEqual({
      accountId: 'acc 1',
      session: 'sess',
      apiId: 12345,
      proxy: { type: 'socks5', host: 'proxy.example', port: 1080 },
    });
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/internal/accounts/acc%201/credentials' });
    expect(calls[0]!.headers['x-service-name']).toBe('coolthing-bot');
  });

  it('refuses credentials whose proxy breaks the contract', async () => {
    const { api } = clientAnswering(() => ({
      status: 200,
      body: { accountId: 'a', session: 's', apiId: null, apiHash: null, proxy: { type: 'ftp', host: 'x' } },
    }));
    await expect(api.credentials('a')).rejects.toThrow(ServiceUnavailableError);
  });

  it('passes a missing account or session through as the owner answered it', async () => {
    const { api } = clientAnswering(() => problem(409, { detail: 'no session' }));
    await expect(api.credentials('a')).rejects.toMatchObject({ name: 'ServiceCallError', status: 409 });
  });

  it('takes a lease with holder and ttl', async () => {
    const { api, calls } = clientAnswering(() => ({
      status: 200,
      body: { accountId: 'a', holder: 'w-1', expiresAt: new Date().toISOString() },
    }));
    await api.lease('a', 'w-1', 30);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: '/internal/accounts/a/lease',
      body: { holder: 'w-1', ttlSeconds: 30 },
    });
  });

  it('maps a 409 on taking the lease to SessionLeaseHeld, with the holder the owner names', async () => {
    const { api } = clientAnswering(() =>
      problem(409, { holder: 'w-2', expiresAt: '2030-01-01T00:00:00.000Z' }),
    );
    const err = await api.lease('a', 'w-1', 30).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionLeaseHeld);
    expect(err).toMatchObject({ accountId: 'a', holder: 'w-2', expiresAt: new Date('2030-01-01T00:00:00Z') });
  });

  it('leaves other refusals of the lease as they are', async () => {
    const { api } = clientAnswering(() => problem(404));
    await expect(api.lease('a', 'w-1', 30)).rejects.toBeInstanceOf(ServiceCallError);
  });

  it.each([404, 409])('maps a %i on renewal to SessionLeaseLost', async (status) => {
    const { api, calls } = clientAnswering(() => problem(status));
    const err = await api.renew('a', 'w-1', 30).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionLeaseLost);
    expect(err).toMatchObject({ accountId: 'a', holder: 'w-1' });
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/internal/accounts/a/lease/renew' });
  });

  it('releases by holder, a lease not held being no error', async () => {
    const { api, calls } = clientAnswering(() => problem(409));
    await api.release('a', 'w 1');
    expect(calls[0]).toMatchObject({
      method: 'DELETE',
      path: '/internal/accounts/a/lease',
      query: '?holder=w+1',
    });
    const refused = clientAnswering(() => problem(400));
    await expect(refused.api.release('a', 'w-1')).rejects.toBeInstanceOf(ServiceCallError);
  });

  it('reports a flood wait with its end, the reason cut to 500 characters, naming the service', async () => {
    const { api, calls } = clientAnswering(() => ({ status: 200, body: { changed: true } }));
    const until = new Date('2030-01-01T00:10:00Z');
    await api.reportStatus('a', { status: 'flood_wait', until, reason: 'x'.repeat(600) });
    await api.reportStatus('a', { status: 'banned', reason: 'USER_DEACTIVATED_BAN' });
    expect(calls.map((c) => c.body)).toEqual([
      { status: 'flood_wait', reason: 'x'.repeat(500), until: until.toISOString() },
      { status: 'banned', reason: 'USER_DEACTIVATED_BAN' },
    ]);
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/internal/accounts/a/status' });
    expect(calls.map((c) => c.headers['x-service-name'])).toEqual(['coolthing-bot', 'coolthing-bot']);
  });

  it('sends no service name when none is given', async () => {
    const { api, calls } = clientAnswering(() => ({ status: 200, body: { changed: true } }), {});
    await api.reportStatus('a', { status: 'limited', reason: 'PEER_FLOOD' });
    expect(calls[0]!.headers['x-service-name']).toBeUndefined();
  });
});
