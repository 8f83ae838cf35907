/**
 * Renders the Compose, Kubernetes, Prometheus and Grafana files from services/registry.ts.
 *   node --import tsx deploy/generate.ts           write them
 *   node --import tsx deploy/generate.ts --check   exit 1 when a committed file is out of date
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registry } from '../services/registry';
import { GENERATED_DIRS, renderAll } from './src/render';

const root = dirname(fileURLToPath(import.meta.url));
const check = process.argv.includes('--check');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

const files = await renderAll(registry);
const stale = Object.entries(files).filter(
  ([path, content]) => !existsSync(join(root, path)) || readFileSync(join(root, path), 'utf8') !== content,
);
const orphans = GENERATED_DIRS.flatMap((d) => filesUnder(join(root, d))).filter((path) => !(path in files));

if (check) {
  for (const [path] of stale) process.stderr.write(`out of date: deploy/${path}\n`);
  for (const path of orphans) process.stderr.write(`not generated any more: deploy/${path}\n`);
  if (stale.length || orphans.length) {
    process.stderr.write('run: node --import tsx deploy/generate.ts\n');
    process.exit(1);
  }
  process.stdout.write(`deploy: ${Object.keys(files).length} generated files up to date\n`);
} else {
  for (const [path, content] of stale) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
    process.stdout.write(`wrote deploy/${path}\n`);
  }
  for (const path of orphans) {
    rmSync(join(root, path));
    process.stdout.write(`removed deploy/${path}\n`);
  }
  process.stdout.write(
    `deploy: ${Object.keys(files).length} files from ${registry.length} registry entries (${stale.length} changed, ${orphans.length} removed)\n`,
  );
}
