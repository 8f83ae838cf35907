/**
 * The run's clock. The plan is in "run time" (ms epoch from the plan's start); the worker
 * lives in real time. With scale 1 they are the same; with scale S, one real second is S
 * run seconds (tests with a time-scaled sandbox). The clock starts at the first start of the
 * run's first worker, so a restarted worker continues the same timeline.
 */
export class RunClock {
  constructor(
    readonly scale: number,
    private readonly runStart: number,
    private readonly realStart: number,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(scale > 0)) throw new RangeError('the time scale must be positive');
  }

  /** Run time now. */
  now(): number {
    return this.runStart + (this.realNow() - this.realStart) * this.scale;
  }

  /** Real milliseconds until run time `at` (0 when it passed). */
  realMsUntil(at: number): number {
    return Math.max(0, (at - this.now()) / this.scale);
  }

  /** Real milliseconds of a run-time duration. */
  realMs(runMs: number): number {
    return runMs / this.scale;
  }

  /** The real instant of run time `at` (what reports show). */
  toReal(at: number): Date {
    return new Date(this.realStart + (at - this.runStart) / this.scale);
  }
}
