export * from './database';
export { PgliteHost } from './pglite';
export { openPostgres, ensureDatabase, dropDatabase, type PostgresOptions } from './postgres';
export { migrate, loadSqlMigrations, type Migration } from './migrate';
export { Mutex } from './mutex';
export {
  sql,
  type Kysely,
  type Transaction,
  type Selectable,
  type Insertable,
  type Updateable,
  type Generated,
} from 'kysely';
