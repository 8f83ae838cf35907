import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { hasDatabase } from '@switchyard/kit';
import { ensureDatabase } from '@switchyard/store';
import { findEntry, type RegistryEntry } from '../../../services/registry';
import { buildServiceBundle } from './bundle';
import { serviceCommand } from './launch';
import { plan, type PlannedService } from './plan';
import { assertPortFree, freePort } from './ports';

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
  /**
   * Run the services from a compiled bundle (default true): built in about half a second,
   * it starts each process in a third of the CPU time of running TypeScript through tsx.
   */
  bundle?: boolean;
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
  /**
   * One more process of a registered service on a free port, with the system's environment
   * plus `env` (a second instance on the same queue, or a worker for one account); supervised
   * and stopped with the rest. Resolves once it answers /readyz.
   */
  addInstance(id: string, env?: Record<string, string>, readyTimeoutMs?: number): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * Runs the migrations of `services` in one short-lived process (what the migrations Jobs do
 * in Kubernetes, one per service there; one process here saves a Node start-up per service).
 */
function runMigrations(services: PlannedService[], env: NodeJS.ProcessEnv): Promise<void> {
  if (services.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const ids = services.map((s) => s.entry.id);
    const { command, args } = serviceCommand(ids[0]!, [...ids.slice(1), '--migrate-only'], env);
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`migrations failed (exit ${code}); see the log above`)),
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
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...layout.env,
    ...options.env,
    HOST: '127.0.0.1',
    LOG_FORMAT: process.env.LOG_FORMAT ?? 'json',
  };
  // Set in the environment, so the workers a service starts run from the same bundle.
  if (options.bundle === false) delete baseEnv.SWITCHYARD_SERVICE_BUNDLE;
  else baseEnv.SWITCHYARD_SERVICE_BUNDLE ??= await buildServiceBundle();
  await runMigrations(
    layout.services.filter((s) => hasDatabase(s.def)),
    baseEnv,
  );
  const out = options.output ?? ((service, line) => process.stdout.write(`${service.padEnd(18)} ${line}\n`));
  let stopping = false;

  /** Runs service `id` on `port`, restarting it with backoff when it dies, until the system stops. */
  const supervise = (id: string, name: string, port: number, env: NodeJS.ProcessEnv): ServiceProcess => {
    let child: ChildProcess | undefined;
    const proc: ServiceProcess = {
      id,
      name,
      url: `http://127.0.0.1:${port}`,
      port,
      child: () => child,
      restarts: 0,
    };
    const launch = () => {
      const { command, args } = serviceCommand(id, [], env);
      child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on('line', (line) => out(id, line));
      }
      const started = Date.now();
      child.once('exit', (code, signal) => {
        if (stopping || options.restart === false) return;
        proc.restarts++;
        // A crash loop backs off; a service that ran a while restarts at once.
        const delay = Date.now() - started > 30_000 ? 200 : Math.min(200 * 2 ** proc.restarts, 15_000);
        out(id, `exited (${signal ?? code}); restarting in ${delay} ms`);
        setTimeout(() => !stopping && launch(), delay).unref();
      });
    };
    launch();
    return proc;
  };

  const processes = layout.services.map((s) =>
    supervise(s.entry.id, s.def.name, s.port, {
      ...baseEnv,
      PORT: String(s.port),
      MIGRATE_ON_START: 'false',
    }),
  );

  const readyAt = async (p: ServiceProcess, deadline: number, timeoutMs: number) => {
    for (;;) {
      const ok = await fetch(`${p.url}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${p.id} not ready within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const ready = async (timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    for (const p of processes) await readyAt(p, deadline, timeoutMs);
  };

  const addInstance = async (id: string, env: Record<string, string> = {}, timeoutMs = 120_000) => {
    const def = await findEntry(id).load();
    const port = await freePort();
    const proc = supervise(id, def.name, port, { ...baseEnv, ...env, PORT: String(port) });
    processes.push(proc);
    await readyAt(proc, Date.now() + timeoutMs, timeoutMs);
    return proc;
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

  return {
    processes,
    gatewayUrl: processes.find((p) => p.id === 'gateway')?.url,
    ready,
    addInstance,
    stop,
  };
}
