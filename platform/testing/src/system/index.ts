// Helpers for tests that start whole systems: infrastructure of their own, their processes.
export * from './broker';
export * from './infra';
export * from './processes';
export * from './redis';
