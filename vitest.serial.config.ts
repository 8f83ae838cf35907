import { defineConfig } from 'vitest/config';

// System and chaos tests restart brokers, kill processes and bind fixed ports, so they run
// one file at a time after the main suite.
export default defineConfig({
  test: {
    include: ['**/*.chaos.test.ts', '**/*.system.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '.data/**'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
