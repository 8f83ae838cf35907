import type { Enqueue } from '@switchyard/bus';
import type { Cache } from '@switchyard/cache';
import type { Logger } from '@switchyard/kit';
import type { Kysely, Transaction } from '@switchyard/store';
import type { IdentityConfig } from '../config';
import type { CodeHasher } from '../crypto/tokens';
import type { AccessTokens } from '../keys/access-tokens';
import type { KeyRing } from '../keys/key-ring';
import type { PasswordHasher } from '../ports/password-hasher';
import type { CodesRepository } from '../repositories/codes';
import type { IdentityDB } from '../repositories/db';
import type { SessionsRepository } from '../repositories/sessions';
import type { UsersRepository } from '../repositories/users';
import type { IdentityMetrics } from './metrics';

/** One transaction whose events go through the outbox. */
export type RunInTransaction = <T>(
  fn: (trx: Transaction<IdentityDB>, publish: Enqueue) => Promise<T>,
) => Promise<T>;

/** Everything the use cases need; built once in main.ts. */
export interface Infra {
  config: IdentityConfig;
  log: Logger;
  clock: () => Date;
  db: Kysely<IdentityDB>;
  transaction: RunInTransaction;
  cache: Cache;
  users: UsersRepository;
  sessions: SessionsRepository;
  codes: CodesRepository;
  passwords: PasswordHasher;
  codeHasher: CodeHasher;
  keys: KeyRing;
  tokens: AccessTokens;
  randomInt: (min: number, max: number) => number;
  metrics: IdentityMetrics;
}
