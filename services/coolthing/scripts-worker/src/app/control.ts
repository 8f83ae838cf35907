import { sleep, type Logger } from '@switchyard/kit';
import type { ControlAction, ControlSource } from '../ports/run-services';
import type { RunClock } from '../domain/clock';

/**
 * The operator's run / pause / stop for this run, read from the watchdog every few hundred
 * milliseconds. A stop aborts `stopSignal`, which every wait of the run listens to.
 */
export class RunControl {
  private state: ControlAction = 'run';
  private readonly stopper = new AbortController();
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly source: ControlSource,
    private readonly runId: string,
    private readonly pollMs: number,
    private readonly log: Logger,
  ) {}

  get stopSignal(): AbortSignal {
    return this.stopper.signal;
  }
  get stopped(): boolean {
    return this.state === 'stop';
  }
  get paused(): boolean {
    return this.state === 'pause';
  }

  set(action: ControlAction): void {
    if (this.state === 'stop' || action === this.state) return;
    this.log.info({ sfcId: this.runId, action }, 'run control changed');
    this.state = action;
    if (action === 'stop') this.stopper.abort();
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w();
  }

  /** Calls `fn` once at the next change of state; the returned function cancels that. */
  onceChanged(fn: () => void): () => void {
    this.waiters.add(fn);
    return () => this.waiters.delete(fn);
  }

  async poll(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted && !this.stopped) {
      try {
        const action = await this.source.control(this.runId);
        if (action) this.set(action);
        failures = 0;
      } catch (err) {
        if (++failures % 20 === 1)
          this.log.warn({ err: String(err) }, 'cannot read the run control; playing on');
      }
      await sleep(this.pollMs, signal);
    }
  }
}

export type WaitResult = 'time' | 'paused' | 'stopped';

/**
 * Waits until run time `at`. Returns early with `paused` (the caller waits for the resume
 * and re-plans) or `stopped` (a stop, or the worker shutting down).
 */
export async function waitUntil(
  at: number,
  deps: { clock: RunClock; control: RunControl; signal: AbortSignal },
): Promise<WaitResult> {
  for (;;) {
    if (deps.signal.aborted || deps.control.stopped) return 'stopped';
    if (deps.control.paused) return 'paused';
    const ms = deps.clock.realMsUntil(at);
    if (ms <= 0) return 'time';
    const wake = new AbortController();
    const onAbort = () => wake.abort();
    deps.signal.addEventListener('abort', onAbort, { once: true });
    const cancel = deps.control.onceChanged(onAbort);
    await sleep(ms, wake.signal);
    cancel();
    deps.signal.removeEventListener('abort', onAbort);
  }
}

/** While paused, waits for resume; false when the run stopped instead. */
export async function waitWhilePaused(control: RunControl, signal: AbortSignal): Promise<boolean> {
  while (control.paused && !signal.aborted) {
    const wake = new AbortController();
    const onAbort = () => wake.abort();
    const cancel = control.onceChanged(onAbort);
    signal.addEventListener('abort', onAbort, { once: true });
    await sleep(2 ** 31 - 1, wake.signal);
    cancel();
    signal.removeEventListener('abort', onAbort);
  }
  return !signal.aborted && !control.stopped;
}
