import { defineConfig } from 'vitest/config';

/**
 * System and chaos tests: whole systems in one process or many, on the real broker and
 * database. Each starts its own system on free ports, its own database and its own RabbitMQ
 * virtual host, so two run side by side; the ones that stop or restart shared infrastructure
 * run alone, after them.
 */
const ALONE = ['platform/bus/src/chaos/broker-restart.chaos.test.ts'];

const shared = {
  exclude: ['**/node_modules/**', '**/dist/**', '.data/**'],
  testTimeout: 180_000,
  hookTimeout: 180_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'system',
          include: ['**/*.chaos.test.ts', '**/*.system.test.ts'],
          exclude: [...shared.exclude, ...ALONE],
          // Two at a time: a system start-up takes both cores for a few seconds, the tests
          // themselves mostly wait on timers and the broker.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'alone',
          include: ALONE,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
