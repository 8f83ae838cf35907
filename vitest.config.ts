import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', '**/dist/**', '.data/**', '**/*.chaos.test.ts', '**/*.system.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most service tests wait on timers, sockets and brokers rather than the CPU, so a
    // 2-core machine keeps three files going (vitest's default would be one: cores - 1).
    // At most eight: each worker holds its own PGlite databases (a few hundred MiB).
    maxWorkers: Math.min(8, Math.max(3, availableParallelism())),
    // A worker keeps its module cache from one file to the next: loading the platform
    // (OpenTelemetry, PGlite, Hono, ...) once per worker instead of once per file is about
    // a third of the suite's time. Tests must not rely on module state from another file;
    // they create their own services, databases and queues.
    isolate: false,
  },
});
