interface Job {
  at: number;
  seq: number;
  run: () => void;
}

/** Jobs due at a sandbox time (simulated users' replies), run in time order by `runDue`. */
export class Scheduler {
  private jobs: Job[] = [];
  private seq = 0;

  at(time: number, run: () => void): void {
    const job = { at: time, seq: this.seq++, run };
    // Binary insert keeps the list ordered; there are only ever a few hundred pending jobs.
    let lo = 0;
    let hi = this.jobs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const j = this.jobs[mid]!;
      if (j.at < time || (j.at === time && j.seq < job.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.jobs.splice(lo, 0, job);
  }

  runDue(now: number, onError: (err: unknown) => void = () => undefined): number {
    let ran = 0;
    while (this.jobs.length > 0 && this.jobs[0]!.at <= now) {
      const job = this.jobs.shift()!;
      try {
        job.run();
      } catch (err) {
        onError(err);
      }
      ran++;
    }
    return ran;
  }

  get pending(): number {
    return this.jobs.length;
  }

  clear(): void {
    this.jobs = [];
  }
}
