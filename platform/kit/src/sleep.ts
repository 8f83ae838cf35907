/**
 * Resolves after `ms`, or as soon as `signal` aborts: a service's background loop waits with
 * it, so a stop is not held up by the rest of a poll interval.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    // setTimeout fires at once past 2^31 - 1 ms; long waits are clamped to that (24.8 days).
    const timer = setTimeout(done, Math.min(Math.max(0, ms), 2 ** 31 - 1));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
