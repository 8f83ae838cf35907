import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { hasDatabase } from '@switchyard/kit';
import { ensureDatabase } from '@switchyard/store';
import type { RegistryEntry } from '../../../services/registry';
import { plan, type PlannedService } from './plan';
import { assertPortFree } from './ports';

const RUN_SERVICE = fileURLToPath(new URL('./run-service.ts', import.meta.url));

export interface DistributedOptions {
  entries: RegistryEntry[];
  ports?: 'fixed' | 'auto';
  gatewayPort?: number;
  /** RABBITMQ_URL, DATABASE_URL, REDIS_URL and anything else every service gets. */
  env: Record<string, string>;
  /** Receives each service's log lines (prefixed); default: stdout. */
  output?: (service: string, line: string) => void;
  /** Restart a service that exits unexpectedly (default true). */
  restart?: boolean;
}

export interface ServiceProcess {
  id: string;
  name: string;
  url: string;
  port: number;
  child(): ChildProcess | undefined;
  restarts: number;
}

export interface DistributedSystem {
  processes: ServiceProcess[];
  gatewayUrl: string | undefined;
  /** Resolves when every service answers /readyz with 200. */
  ready(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Runs a service's migrations in a short-lived process (what the migrations Job does in Kubernetes). */
function runMigrations(s: PlannedService, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUN_SERVICE, s.entry.id, '--migrate-only'], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`migrations of ${s.entry.id} failed (exit ${code})`)),
    );
  });
}

/**
 * Each service in its own process against real infrastructure: migrations first (like a
 * Compose migrate job), then every service, restarted with backoff if it dies.
 */
export async function startDistributed(options: DistributedOptions): Promise<DistributedSystem> {
  const layout = await plan(options.entries, {
    ports: options.ports ?? 'fixed',
    gatewayPort: options.gatewayPort,
  });
  if ((options.ports ?? 'fixed') === 'fixed') for (const s of layout.services) await assertPortFree(s.port);
  if (options.env.DATABASE_URL) await ensureDatabase(options.env.DATABASE_URL);
  const baseEnv = {
    ...process.env,
    ...layout.env,
    ...options.env,
    HOST: '127.0.0.1',
    LOG_FORMAT: process.env.LOG_FORMAT ?? 'json',
  };
  await Promise.all(
    layout.services
      .filter((s) => hasDatabase(s.def))
      .map((s) => runMigrations(s, { ...baseEnv, PORT: String(s.port) })),
  );
  const out = options.output ?? ((service, line) => process.stdout.write(`${service.padEnd(18)} ${line}\n`));
  let stopping = false;

  const processes = layout.services.map((s) => {
    let child: ChildProcess | undefined;
    const proc: ServiceProcess = {
      id: s.entry.id,
      name: s.def.name,
      url: s.url,
      port: s.port,
      child: () => child,
      restarts: 0,
    };
    const launch = () => {
      child = spawn(process.execPath, ['--import', 'tsx', RUN_SERVICE, s.entry.id], {
        env: { ...baseEnv, PORT: String(s.port), MIGRATE_ON_START: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on('line', (line) => out(s.entry.id, line));
      }
      const started = Date.now();
      child.once('exit', (code, signal) => {
        if (stopping || options.restart === false) return;
        proc.restarts++;
        // A crash loop backs off; a service that ran a while restarts at once.
        const delay = Date.now() - started > 30_000 ? 200 : Math.min(200 * 2 ** proc.restarts, 15_000);
        out(s.entry.id, `exited (${signal ?? code}); restarting in ${delay} ms`);
        setTimeout(() => !stopping && launch(), delay).unref();
      });
    };
    launch();
    return proc;
  });

  const ready = async (timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    for (const p of processes) {
      for (;;) {
        const ok = await fetch(`${p.url}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (Date.now() > deadline) throw new Error(`${p.id} not ready within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  const stop = async () => {
    stopping = true;
    await Promise.all(
      processes.map(
        (p) =>
          new Promise<void>((resolve) => {
            const child = p.child();
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 12_000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  return { processes, gatewayUrl: processes.find((p) => p.id === 'gateway')?.url, ready, stop };
}
