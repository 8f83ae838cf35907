import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningSystem {
  gateway: string;
  readySeconds: number;
  stop(): Promise<void>;
}

/**
 * Starts the system the way a user does (`npm start`'s runner) in a separate process, so the
 * load generator does not share the event loop with the services, and waits for readiness.
 */
export async function startSystem(options: { distributed: boolean; only: string; env: Record<string, string> }): Promise<RunningSystem> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'platform/runner/src/cli.ts', '--only', options.only, '--ports', 'auto', ...(options.distributed ? ['--distributed'] : [])],
    { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...options.env }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const gateway = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the system exited early (${child.exitCode})`);
    const ready = await fetch(`${gateway}/api/system/services`, { signal: AbortSignal.timeout(2000) })
      .then(async (r) => r.ok && ((await r.json()) as { ready: boolean }).ready)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error('the system did not become ready');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    gateway,
    readySeconds: (performance.now() - started) / 1000,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
