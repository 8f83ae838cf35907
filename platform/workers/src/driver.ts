/** How a worker ended: an exit code, a signal, or why the runtime lost it. */
export interface WorkerExit {
  code: number | null;
  signal: string | null;
  /** A short note from the runtime (`OOMKilled`, `job deleted`), when it has one. */
  detail?: string;
}

/** One worker to start, as a watchdog describes it. */
export interface WorkerLaunch {
  /** Registry id of the worker service (`coolthing/scripts-worker`, `coolthing/bot`): its command. */
  service: string;
  /**
   * What the worker works on, as labels (`{ 'switchyard/run': id }`, `{ 'switchyard/account': id }`):
   * on the container or Job, so an operator finds it. Kubernetes gets them cut to valid label
   * values, and whole as annotations.
   */
  labels: Record<string, string>;
  attempt: number;
  /** Unique per worker and attempt, valid as a container and Job name. */
  name: string;
  /** Variables of this worker (RUN_ID, ACCOUNT_ID, ...). */
  env: Record<string, string>;
}

/** `coolthing/scripts-worker` → `{ system: 'coolthing', name: 'scripts-worker' }`. */
export function serviceParts(service: string): { system: string | undefined; name: string } {
  const slash = service.lastIndexOf('/');
  return slash < 0
    ? { system: undefined, name: service }
    : { system: service.slice(0, slash), name: service.slice(slash + 1) };
}

export interface LaunchedWorker {
  /** What `adopt` finds it by after a watchdog restart (container id, Job name). */
  readonly ref: string;
  /** Settles once when the worker ends, however it ends. */
  readonly exited: Promise<WorkerExit>;
  /** Asks it to stop gracefully (SIGTERM) and waits until it ended. */
  stop(): Promise<void>;
  /** Ends it at once, as a crash would. */
  kill(): Promise<void>;
  /** Deletes what is left of it (container, Job); after it ended. */
  remove(): Promise<void>;
}

/**
 * Starts and supervises workers in one runtime. `process` runs them on this machine through
 * the runner; `docker` and `kubernetes` through those APIs, where workers outlive the
 * watchdog and are adopted again after its restart.
 */
export interface WorkerDriver {
  readonly kind: 'process' | 'docker' | 'kubernetes';
  /** True when workers keep running while the watchdog restarts (and can be adopted). */
  readonly outlivesWatchdog: boolean;
  start(launch: WorkerLaunch): Promise<LaunchedWorker>;
  /** The worker started earlier under `ref`, or undefined when it is gone. */
  adopt(ref: string): Promise<LaunchedWorker | undefined>;
  close(): Promise<void>;
}

/** A settle-once exit promise. */
export function exitSignal(): { exited: Promise<WorkerExit>; settle(exit: WorkerExit): void } {
  let resolve!: (exit: WorkerExit) => void;
  let settled = false;
  const exited = new Promise<WorkerExit>((r) => (resolve = r));
  return {
    exited,
    settle: (exit) => {
      if (settled) return;
      settled = true;
      resolve(exit);
    },
  };
}
