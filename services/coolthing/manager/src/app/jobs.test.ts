import { describe, expect, it } from 'vitest';
import type { ManagerInfra } from './deps';
import { Jobs } from './jobs';

// Only what the loop itself reads: the tick and the logger. The passes are scripted below.
const infra = {
  config: { MANAGER_TICK_MS: 60_000 },
  log: { warn() {}, error() {} },
} as unknown as ManagerInfra;

/** Jobs whose passes do nothing but run `during` and count themselves. */
function scripted(during: (jobs: Jobs, n: number) => void) {
  const passes: number[] = [];
  const jobs = new (class extends Jobs {
    override async pass(): Promise<number> {
      passes.push(performance.now());
      await new Promise((r) => setTimeout(r, 5));
      during(this, passes.length);
      await new Promise((r) => setTimeout(r, 5));
      return 0;
    }
  })();
  return { jobs, passes };
}

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 2));
};

describe('lead jobs loop', () => {
  it('goes again at once for a nudge that arrives while a pass runs (not at the next tick)', async () => {
    const { jobs, passes } = scripted((j, n) => n === 1 && j.nudge());
    const stop = new AbortController();
    const loop = jobs.task(infra).run(stop.signal);
    await until(() => passes.length >= 2, 1000);
    stop.abort();
    await loop;
    expect(passes.length).toBe(2);
  });

  it('wakes from its wait at once on a nudge, and waits for the tick without one', async () => {
    const { jobs, passes } = scripted(() => {});
    const stop = new AbortController();
    const loop = jobs.task(infra).run(stop.signal);
    await until(() => passes.length >= 1, 1000);
    await new Promise((r) => setTimeout(r, 100));
    expect(passes.length).toBe(1);
    jobs.nudge();
    await until(() => passes.length >= 2, 1000);
    stop.abort();
    await loop;
    expect(passes.length).toBe(2);
  });
});
