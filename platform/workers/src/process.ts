import type { WorkerRuntime } from '@switchyard/kit';
import type { LaunchedWorker, WorkerDriver, WorkerLaunch } from './driver';

/**
 * Workers through the runner's worker runtime: another service instance in this process
 * (embedded mode) or a child process. They end with the watchdog, so nothing is adopted.
 */
export class ProcessDriver implements WorkerDriver {
  readonly kind = 'process' as const;
  readonly outlivesWatchdog = false;

  constructor(private readonly runtime: WorkerRuntime) {}

  async start(launch: WorkerLaunch): Promise<LaunchedWorker> {
    const env: Record<string, string> = { ...launch.env };
    // A child process stops by itself when this process dies (its parent changes).
    if (this.runtime.kind === 'process') env.WATCHDOG_PID = String(process.pid);
    const handle = await this.runtime.start({ service: launch.service, name: launch.name, env });
    return {
      ref: launch.name,
      exited: handle.exited,
      stop: () => handle.stop(),
      kill: async () => handle.kill(),
      remove: async () => undefined,
    };
  }

  async adopt(): Promise<LaunchedWorker | undefined> {
    return undefined;
  }

  async close(): Promise<void> {}
}
