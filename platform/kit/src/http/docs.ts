import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';

const require = createRequire(import.meta.url);
const assetsDir = dirname(require.resolve('swagger-ui-dist/package.json'));
const cache = new Map<string, Buffer>();

async function asset(name: string): Promise<Buffer> {
  let data = cache.get(name);
  if (!data) {
    data = await readFile(join(assetsDir, name));
    cache.set(name, data);
  }
  return data;
}

const page = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script><script src="docs/init.js"></script></body></html>`;

// Relative URLs keep the page working both on the service's port and behind the gateway prefix.
const init = `window.ui = SwaggerUIBundle({ url: new URL('openapi.json', location.href.replace(/docs\\/?$/, '')).href, dom_id: '#swagger-ui', deepLinking: true });`;

/** Serves Swagger UI from the installed package (no CDN: it works offline). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app's environment
export function mountDocs(app: Hono<any>, title: string): void {
  app.get('/docs', (c) => c.html(page(title.replace(/[<>&"]/g, ''))));
  app.get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  for (const [file, type] of [
    ['swagger-ui.css', 'text/css; charset=utf-8'],
    ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ] as const) {
    app.get(`/docs/${file}`, async (c) =>
      c.body(new Uint8Array(await asset(file)), 200, {
        'content-type': type,
        'cache-control': 'public, max-age=86400',
      }),
    );
  }
}
