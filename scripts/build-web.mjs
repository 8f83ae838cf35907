// Builds each web app (web/<name>) whose dist/ is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function buildWebApps({ force = false } = {}) {
  if (!existsSync('web')) return;
  for (const app of readdirSync('web')) {
    const dir = join('web', app);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const index = join(dir, 'dist', 'index.html');
    if (!force && existsSync(index) && statSync(index).mtimeMs >= newest(dir)) continue;
    console.log(`Building web app ${app}...`);
    const result = spawnSync('npm', ['run', 'build', '-w', dir], { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`Building web/${app} failed.`);
      process.exit(result.status ?? 1);
    }
  }
}
