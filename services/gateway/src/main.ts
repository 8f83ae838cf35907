import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { defineService, HttpProblem, z } from '@switchyard/kit';
import { parseDirectory, resolveRoute } from './directory';
import { landingPage } from './landing';
import { clientIp, forward } from './proxy';
import { rateLimit } from './rate-limit';
import { systemServices } from './routes/system-services';
import { serveWebApp } from './web';

const env = z.object({
  /** JSON array of {name, system, title, path, url}: the services behind the gateway. */
  GATEWAY_SERVICES: z.string().min(2),
  WEB_DIR: z.string().default('web'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** Body limit for JSON and other non-multipart requests; uploads get UPLOAD_LIMIT_BYTES. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(12 * 1024 * 1024),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Comma-separated origins allowed to call /api from another origin (the web apps are same-origin). */
  CORS_ORIGINS: z.string().default(''),
});

export const service = defineService({
  name: 'gateway',
  title: 'Gateway',
  description:
    'The single entry point: routes /api/<system>/<service>/... to services and serves the web apps.',
  env,
  bodyLimitBytes: 64 * 1024 * 1024,
  setup(ctx) {
    const { config } = ctx;
    const directory = parseDirectory(config.GATEWAY_SERVICES);
    const webDir = resolve(config.WEB_DIR);
    const webApps = existsSync(webDir)
      ? readdirSync(webDir).filter((d) => existsSync(resolve(webDir, d, 'dist', 'index.html')))
      : [];
    const origins = config.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);

    return {
      middleware: [
        secureHeaders({
          contentSecurityPolicy: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
            connectSrc: ["'self'"],
            frameSrc: ['https://www.youtube-nocookie.com', 'https://www.youtube.com'],
            objectSrc: ["'none'"],
            baseUri: ["'self'"],
            frameAncestors: ["'none'"],
          },
          crossOriginEmbedderPolicy: false,
        }),
        cors({
          origin: origins,
          credentials: true,
          exposeHeaders: ['x-request-id', 'RateLimit-Remaining', 'Retry-After'],
        }),
        async (c, next) => {
          // JSON bodies stay small; only multipart uploads may be large.
          const length = Number(c.req.header('content-length') ?? 0);
          const multipart = (c.req.header('content-type') ?? '').startsWith('multipart/form-data');
          const limit = multipart ? config.UPLOAD_LIMIT_BYTES : config.BODY_LIMIT_BYTES;
          if (length > limit)
            throw new HttpProblem(413, 'Payload too large', `The body exceeds ${limit} bytes.`);
          await next();
        },
      ],
      routes: [systemServices(() => directory)],
      mount(app) {
        app.use(
          '/api/*',
          rateLimit(ctx.cache, config.RATE_LIMIT_PER_MINUTE, (c) => clientIp(c, config.TRUST_PROXY)),
        );
        app.all('/api/*', async (c) => {
          const match = resolveRoute(directory, c.req.path);
          // Service-to-service endpoints are never reachable from outside.
          if (!match || /^\/internal(\/|$)/.test(match.rest)) {
            throw new HttpProblem(404, 'Not found', `No service answers at ${c.req.path}.`);
          }
          return forward(c, match.entry, match.rest, {
            timeoutMs: config.UPSTREAM_TIMEOUT_MS,
            trustProxy: config.TRUST_PROXY,
          });
        });
        app.get('/', (c) => c.html(landingPage(directory, webApps)));
        app.get('/:app{[a-z]+}', (c) => {
          // Keep the query string: /cinema?genre=Drama is /cinema/?genre=Drama.
          const query = new URL(c.req.url).search;
          return webApps.includes(c.req.param('app'))
            ? c.redirect(`/${c.req.param('app')}/${query}`, 301)
            : c.notFound();
        });
        app.get('/:app{[a-z]+}/*', async (c) => {
          const name = c.req.param('app');
          if (!webApps.includes(name)) return c.notFound();
          const sub = c.req.path.slice(name.length + 2);
          return (await serveWebApp(c, webDir, name, sub || 'index.html')) ?? c.notFound();
        });
      },
      banner: () => webApps.map((a) => `web app: ${config.PUBLIC_URL}/${a}/`),
    };
  },
});
