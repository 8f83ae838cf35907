/**
 * The sandbox's own time: real time multiplied by `scale`, plus whatever tests stepped
 * forward. Flood waits and slow mode count in sandbox seconds, so a 30 s FloodWait passes in
 * half a second of real time at scale 60.
 */
export class SandboxClock {
  private realBase: number;
  private simBase: number;

  constructor(
    readonly scale: number,
    start: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.realBase = realNow();
    this.simBase = start;
  }

  /** Sandbox time in epoch milliseconds. */
  now(): number {
    return this.simBase + (this.realNow() - this.realBase) * this.scale;
  }

  /** Moves sandbox time forward (tests); never backwards. */
  advance(ms: number): void {
    if (ms < 0) throw new Error('the sandbox clock only moves forward');
    this.simBase += ms;
  }

  /** Continues from a persisted instant after a restart. */
  resumeAt(simMs: number): void {
    this.realBase = this.realNow();
    this.simBase = Math.max(simMs, this.simBase);
  }

  /** Real milliseconds until sandbox time reaches `simMs`. */
  realDelayUntil(simMs: number): number {
    return Math.max(0, (simMs - this.now()) / this.scale);
  }
}
