import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sleep } from './sleep';

describe('sleep', () => {
  it('waits the time when nothing aborts', async () => {
    const t0 = performance.now();
    await sleep(50);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
  });

  it('ends at once when the signal aborts, and leaves no listener behind', async () => {
    const ctrl = new AbortController();
    const t0 = performance.now();
    const waiting = sleep(60_000, ctrl.signal);
    setTimeout(() => ctrl.abort(), 20);
    await waiting;
    expect(performance.now() - t0).toBeLessThan(5_000);
    // A finished sleep removes its abort listener (loops sleep on one signal many times).
    const loop = new AbortController();
    for (let i = 0; i < 3; i++) await sleep(1, loop.signal);
    expect(getEventListeners(loop.signal, 'abort')).toHaveLength(0);
  });

  it('does not wait at all on an aborted signal, and clamps waits past 24.8 days', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    await sleep(2 ** 40, ctrl.signal);
    const t0 = performance.now();
    const long = new AbortController();
    const waiting = sleep(2 ** 40, long.signal);
    await sleep(20);
    long.abort();
    await waiting;
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
