import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support';

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

/** A .dockerignore matcher good enough for our patterns (`**`, `*`, `!` exceptions, last match wins). */
function ignored(patterns: string[], path: string): boolean {
  let result = false;
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const pattern = (negate ? raw.slice(1) : raw).replace(/^\/|\/$/g, '');
    const escape = (part: string) =>
      part
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]');
    // `**/x` also matches `x` at the top, as in Docker's matcher.
    const body = pattern
      .split('**/')
      .map((chunk) => chunk.split('**').map(escape).join('.*'))
      .join('(?:.*/)?');
    const regex = new RegExp(`^${body}(/.*)?$`);
    if (regex.test(path)) result = !negate;
  }
  return result;
}

describe('Dockerfile', () => {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const all = instructions(text);
  const froms = all.filter((i) => i.op === 'FROM');
  const lastFrom = all.lastIndexOf(froms.at(-1)!);
  const final = all.slice(lastFrom);

  it('is multi-stage on node:20-bookworm-slim', () => {
    expect(froms.length).toBeGreaterThanOrEqual(3);
    expect(all.find((i) => i.op === 'ARG' && i.args.startsWith('NODE_IMAGE='))?.args).toBe(
      'NODE_IMAGE=node:20-bookworm-slim',
    );
    const stages = new Set(froms.map((f) => f.args.match(/\bAS\s+(\S+)/i)?.[1]).filter(Boolean));
    for (const from of all.filter((i) => i.op === 'COPY' && i.args.includes('--from='))) {
      const stage = from.args.match(/--from=(\S+)/)![1]!;
      expect(stages.has(stage), `COPY --from=${stage}`).toBe(true);
    }
    for (const f of froms)
      expect(f.args.startsWith('${NODE_IMAGE}') || stages.has(f.args.split(/\s+/)[0]!), f.args).toBe(true);
  });

  it('installs production dependencies only for the runtime, from the lock file', () => {
    const deps = all.findIndex((i) => i.op === 'FROM' && / AS deps$/.test(i.args));
    const nextFrom = all.findIndex((i, n) => n > deps && i.op === 'FROM');
    expect(all.slice(deps, nextFrom).some((i) => i.op === 'RUN' && /npm ci --omit=dev/.test(i.args))).toBe(
      true,
    );
    expect(final.some((i) => i.op === 'COPY' && i.args.startsWith('--from=deps '))).toBe(true);
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(root.dependencies?.tsx, 'tsx must be a production dependency').toBeDefined();
  });

  it('runs as the non-root node user with the documented environment, health check and entry point', () => {
    const user = final.filter((i) => i.op === 'USER').at(-1);
    expect(user?.args).toBe('node');
    const env = final
      .filter((i) => i.op === 'ENV')
      .map((i) => i.args)
      .join(' ');
    for (const pair of ['NODE_ENV=production', 'PORT=8080', 'HOST=0.0.0.0']) expect(env).toContain(pair);
    const health = final.find((i) => i.op === 'HEALTHCHECK');
    expect(health?.args).toMatch(/CMD \["node", "-e", ".*\/healthz/);
    expect(health?.args).toContain('process.env.PORT');
    expect(final.find((i) => i.op === 'ENTRYPOINT')?.args).toBe(
      '["node", "--enable-source-maps", "dist/services/run-service.mjs"]',
    );
    expect(final.find((i) => i.op === 'CMD')?.args).toBe('["gateway"]');
    expect(existsSync(join(ROOT, 'platform/runner/src/run-service.ts'))).toBe(true);
  });

  it('builds the service bundle the entry point runs, where the runtime stage copies it from', () => {
    const web = all.findIndex((i) => i.op === 'FROM' && / AS web$/.test(i.args));
    const nextFrom = all.findIndex((i, n) => n > web && i.op === 'FROM');
    const build = all
      .slice(web, nextFrom)
      .find((i) => i.op === 'RUN' && i.args.includes('platform/runner/src/build.ts'));
    expect(build?.args).toContain('node --import tsx platform/runner/src/build.ts dist/services');
    expect(build?.args).toContain('cp -r --parents dist/services /built/');
    expect(final.some((i) => i.op === 'COPY' && i.args === '--from=web /built/ ./')).toBe(true);
    expect(existsSync(join(ROOT, 'platform/runner/src/build.ts'))).toBe(true);
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('keeps dependencies, local data, builds, test artefacts and git out of the image', () => {
    for (const path of [
      'node_modules/x',
      'platform/kit/node_modules/x',
      '.data/pglite',
      'web/shop/dist/index.html',
      '.git/HEAD',
      'test-artifacts/a',
      '.test-results/main.json',
      'coverage/x',
      'services/gateway/test/gateway.test.ts',
      '.env',
    ])
      expect(ignored(patterns, path), path).toBe(true);
  });

  it('keeps everything the services run and every workspace manifest npm ci needs', () => {
    for (const path of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'platform/runner/src/run-service.ts',
      'services/registry.ts',
      'services/gateway/src/main.ts',
      'contracts/package.json',
      'scripts/build-web.mjs',
      'bench/package.json',
      'deploy/package.json',
      'platform/kit/src/testing/index.ts',
    ])
      expect(ignored(patterns, path), path).toBe(false);
  });
});
