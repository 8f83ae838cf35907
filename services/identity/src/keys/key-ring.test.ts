import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rootLogger } from '@switchyard/kit';
import { SecretBox } from '@switchyard/kit';
import type { SigningKeyRow, SigningKeysRepository } from '../repositories/keys';
import { KeyRing } from './key-ring';

/** The key table in memory. */
function memoryRepo() {
  const rows: SigningKeyRow[] = [];
  const repo = {
    all: async () => [...rows].sort((a, b) => a.activates_at.getTime() - b.activates_at.getTime()),
    insert: async (row: SigningKeyRow) => void rows.push(row),
    remove: async (kids: string[]) => {
      for (const kid of kids)
        rows.splice(
          rows.findIndex((r) => r.kid === kid),
          1,
        );
    },
  };
  return { rows, repo: repo as unknown as SigningKeysRepository };
}

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('key ring rotation schedule', () => {
  it('creates a key on first start, rotates when due, publishes before signing, and drops old keys after the grace', async () => {
    let now = new Date('2025-01-01T00:00:00Z').getTime();
    const { rows, repo } = memoryRepo();
    const ring = new KeyRing({
      repo,
      box: new SecretBox(randomBytes(32)),
      policy: { activationDelayMs: 10 * MIN, retiredKeepMs: 25 * MIN, rotationIntervalMs: 30 * DAY },
      clock: () => new Date(now),
      log: rootLogger({ level: 'silent' }),
      reloadMs: 0,
    });
    await ring.start();
    const first = (await ring.signer()).kid;
    expect((await ring.jwks()).keys.map((k) => k.kid)).toEqual([first]);
    expect(rows[0]!.private_key_sealed).not.toContain('PRIVATE');

    now += 29 * DAY;
    await ring.maintain();
    expect(rows).toHaveLength(1);

    now += DAY;
    await ring.maintain();
    expect(rows).toHaveLength(2);
    const second = rows.find((r) => r.kid !== first)!.kid;
    expect((await ring.jwks()).keys.map((k) => k.kid).sort()).toEqual([first, second].sort());
    expect((await ring.signer()).kid).toBe(first);
    expect(ring.status().find((k) => k.kid === second)!.state).toBe('pending');

    now += 10 * MIN;
    expect((await ring.signer()).kid).toBe(second);
    expect(ring.status().find((k) => k.kid === first)!.state).toBe('retired');

    now += 24 * MIN;
    await ring.maintain();
    expect((await ring.jwks()).keys.map((k) => k.kid).sort()).toEqual([first, second].sort());

    now += MIN;
    await ring.maintain();
    expect(rows.map((r) => r.kid)).toEqual([second]);
    expect((await ring.jwks()).keys.map((k) => k.kid)).toEqual([second]);
  });

  it('refuses to start when the keys were sealed with another SECRETS_KEY', async () => {
    const { repo } = memoryRepo();
    const options = {
      repo,
      policy: { activationDelayMs: 0, retiredKeepMs: MIN, rotationIntervalMs: DAY },
      clock: () => new Date(),
      log: rootLogger({ level: 'silent' }),
    };
    await new KeyRing({ ...options, box: new SecretBox(randomBytes(32)) }).start();
    await expect(new KeyRing({ ...options, box: new SecretBox(randomBytes(32)) }).start()).rejects.toThrow(
      /SECRETS_KEY/,
    );
  });
});
