// `npm start`: install if needed, build the web apps if needed, then run the system.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildWebApps } from './build-web.mjs';
import { ensureInstalled } from './ensure-install.mjs';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
ensureInstalled();
buildWebApps();

const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'platform/runner/src/cli.ts', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
// The runner handles Ctrl-C itself; forward termination signals and mirror its exit code.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
// npm may die without passing a signal on (SIGTERM to npm's own pid): stop with it.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) child.kill('SIGTERM');
}, 1000).unref();
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
