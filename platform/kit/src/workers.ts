/** One worker instance to start: a registered service run with its own settings (one script run, one account). */
export interface WorkerSpec {
  /** Registry id of the worker service, for example `coolthing/scripts-worker`. */
  service: string;
  /** Unique instance name, for example `scripts-worker-<run id>`. */
  name: string;
  env: Record<string, string>;
}

export interface WorkerExit {
  code: number | null;
  signal: string | null;
}

export interface WorkerHandle {
  readonly name: string;
  /** Settles when the worker ends, however it ends. */
  readonly exited: Promise<WorkerExit>;
  /** Asks the worker to stop gracefully and waits for it. */
  stop(): Promise<void>;
  /** Ends it at once, as a crash would (SIGKILL for a process). */
  kill(): void;
}

/**
 * Starts worker instances on the machine the service runs on: in this process (embedded
 * mode) or as child processes. Watchdogs use it as their `process` runtime driver; the
 * docker and kubernetes drivers are their own.
 */
export interface WorkerRuntime {
  readonly kind: 'inline' | 'process';
  start(spec: WorkerSpec): Promise<WorkerHandle>;
}
