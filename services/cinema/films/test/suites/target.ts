import { EmbeddedInfra, type Infra } from '@switchyard/kit';

/** Where a shared suite runs: a fresh infrastructure per suite (PGlite here, Postgres in postgres.test.ts). */
export interface SuiteTarget {
  name: string;
  infra(): Infra;
}

export const pglite: SuiteTarget = { name: 'PGlite', infra: () => new EmbeddedInfra(undefined) };
