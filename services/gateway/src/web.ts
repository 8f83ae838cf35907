import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves a built single-page app from `<webDir>/<app>/dist`: files as they are (hashed
 * assets cached for a year), and index.html for client-side routes.
 */
export async function serveWebApp(
  c: Context,
  webDir: string,
  app: string,
  subPath: string,
): Promise<Response | undefined> {
  const root = resolve(webDir, app, 'dist');
  const wanted = normalize(join(root, decodeURIComponent(subPath)));
  if (wanted !== root && !wanted.startsWith(root + sep)) return undefined;
  let file = wanted;
  if (!(await isFile(file))) {
    if (extname(subPath)) return undefined;
    file = join(root, 'index.html');
    if (!(await isFile(file))) return undefined;
  }
  const body = await readFile(file);
  const hashed = file.includes(`${sep}assets${sep}`);
  return c.body(new Uint8Array(body), 200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
}
