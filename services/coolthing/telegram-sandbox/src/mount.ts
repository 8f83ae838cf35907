import { readFileSync } from 'node:fs';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { problemResponse, type AppEnv } from '@switchyard/kit';
import { accountOfKey } from './domain/auth';
import { RpcFailure } from './domain/model';
import { clientKey, keyHashOf, rpcProblem, type Deps } from './routes/common';
import { openClientUpdates } from './streams/client-feed';
import type { WorldFeed } from './streams/world-feed';
import { renderView } from './ui/page';

const viewScript = readFileSync(new URL('./ui/view.js', import.meta.url), 'utf8');
const BOT_PATH = /^\/bot(\d{1,12}:[A-Za-z0-9_-]{8,100})\/([A-Za-z]{1,40})$/;

/** Raw routes outside OpenAPI: the two event streams, the Bot API and the live page. */
export function mountSandbox(app: OpenAPIHono<AppEnv>, deps: Deps, feed: WorldFeed): void {
  app.get('/events', (c) => {
    const chat = c.req.query('chat');
    const last = Number(c.req.header('last-event-id') ?? c.req.query('since') ?? NaN);
    const valid = chat === undefined || /^(-?\d{1,20}|d:\d{1,20}:\d{1,20})$/.test(chat);
    if (!valid) return c.json({ error: 'bad chat' }, 400);
    return feed.open({
      chat: chat ?? null,
      lastEventId: Number.isFinite(last) ? last : null,
      signal: c.req.raw.signal,
    });
  });

  app.get('/client/updates', (c) => {
    try {
      const account = accountOfKey(deps.world, keyHashOf(clientKey(c)));
      if (account.status === 'banned') throw new RpcFailure(401, 'USER_DEACTIVATED_BAN');
      return openClientUpdates(deps.world, account, c.req.raw.signal);
    } catch (err) {
      if (err instanceof RpcFailure) return problemResponse(c, rpcProblem(err));
      throw err;
    }
  });

  app.get('/view', (c) => {
    const chat = c.req.query('chat');
    c.header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
    );
    return c.html(
      renderView(deps.world, chat && /^(-?\d{1,20}|d:\d{1,20}:\d{1,20})$/.test(chat) ? chat : null),
    );
  });
  app.get('/view.js', (c) => {
    c.header('cache-control', 'no-cache');
    return c.body(viewScript, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });

  // The Bot API: `/bot<token>/<method>`, as grammY and every other library call it. The token
  // is in the path by the Bot API's design, so the path is masked before the access log sees it.
  app.on(['GET', 'POST'], '/:botPath{bot[^/]+}/:method', async (c) => {
    const match = BOT_PATH.exec(c.req.path);
    const method = match?.[2] ?? 'unknown';
    (c.req as unknown as { path: string }).path = `/bot<token>/${method}`;
    if (!match) return c.json({ ok: false, error_code: 404, description: 'Not Found' }, 404);
    let params: Record<string, unknown> = { ...c.req.query() };
    const type = c.req.header('content-type') ?? '';
    try {
      if (type.includes('application/json')) params = { ...params, ...((await c.req.json()) as object) };
      else if (type.includes('form')) params = { ...params, ...(await c.req.parseBody()) };
    } catch {
      return c.json({ ok: false, error_code: 400, description: 'Bad Request: invalid request body' }, 400);
    }
    const result = await deps.bots.call(match[1]!, method, params, c.req.raw.signal);
    const status = result.ok ? 200 : result.error_code;
    return c.json(result, status as 200);
  });
}
