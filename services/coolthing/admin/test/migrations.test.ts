import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SESSION_LEASE_MIGRATION_SQL } from '@switchyard/telegram/lease';
import { service } from '../src/main';

describe('the session lease table', () => {
  it("is the platform's own migration, kept in step with it", async () => {
    const copy = await readFile(new URL('../db/migrations/0002_session_leases.sql', import.meta.url), 'utf8');
    expect(copy).toContain(SESSION_LEASE_MIGRATION_SQL);
    expect(SESSION_LEASE_MIGRATION_SQL).toMatch(/CREATE TABLE IF NOT EXISTS/);
    expect(service.extraMigrations?.map((m) => m.sql)).toEqual([SESSION_LEASE_MIGRATION_SQL]);
  });
});
