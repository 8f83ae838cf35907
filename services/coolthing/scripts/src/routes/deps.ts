import type { Db } from '../db';

export interface Deps {
  db: Db;
}
