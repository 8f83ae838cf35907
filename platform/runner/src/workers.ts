import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
  startService,
  type Infra,
  type WorkerExit,
  type WorkerHandle,
  type WorkerRuntime,
  type WorkerSpec,
} from '@switchyard/kit';
import { findEntry } from '../../../services/registry';
import { serviceCommand } from './launch';

/** Embedded mode: a worker is one more service instance in this process, on the shared infrastructure. */
export class InlineWorkers implements WorkerRuntime {
  readonly kind = 'inline' as const;
  private readonly live = new Set<WorkerHandle>();

  constructor(
    private readonly infra: Infra,
    private readonly env: () => Record<string, string | undefined>,
  ) {}

  async start(spec: WorkerSpec): Promise<WorkerHandle> {
    const def = await findEntry(spec.service).load();
    let settle!: (exit: WorkerExit) => void;
    const exited = new Promise<WorkerExit>((r) => (settle = r));
    const instance: { running?: Awaited<ReturnType<typeof startService>> } = {};
    let ended = false;
    const end = (exit: WorkerExit) => {
      if (ended) return;
      ended = true;
      this.live.delete(handle);
      settle(exit);
    };
    const handle: WorkerHandle = {
      name: spec.name,
      exited,
      stop: async () => {
        await instance.running?.stop();
        end({ code: 0, signal: null });
      },
      kill: () => {
        instance.running?.kill();
        end({ code: null, signal: 'SIGKILL' });
      },
    };
    this.live.add(handle);
    instance.running = await startService(def, {
      infra: this.infra,
      env: { ...this.env(), ...spec.env, PORT: '0', HOST: '127.0.0.1' },
      workers: this,
      loopback: true,
      onExitRequest: (code) => void instance.running?.stop().then(() => end({ code, signal: null })),
    });
    return handle;
  }

  /** Stops every worker still running (the system is stopping). */
  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.live].map((h) => h.stop()));
  }
}

/** A worker is a child process running the service by registry id, with this process's environment. */
export class ProcessWorkers implements WorkerRuntime {
  readonly kind = 'process' as const;

  constructor(
    private readonly output: (name: string, line: string) => void = (name, line) =>
      process.stdout.write(`${name} ${line}\n`),
  ) {}

  async start(spec: WorkerSpec): Promise<WorkerHandle> {
    const env = { ...process.env, ...spec.env, PORT: '0' };
    const { command, args } = serviceCommand(spec.service, [], env);
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => this.output(spec.name, line));
    }
    const exited = new Promise<WorkerExit>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal: signal ?? null })),
    );
    return {
      name: spec.name,
      exited,
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
        await exited;
        clearTimeout(timer);
      },
      kill: () => void child.kill('SIGKILL'),
    };
  }
}
