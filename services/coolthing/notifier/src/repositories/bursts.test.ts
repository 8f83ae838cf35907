import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedInfra, migrateService } from '@switchyard/kit';
import type { Kysely } from '@switchyard/store';
import { service } from '../main';
import type { NotifierDB } from '../db';
import { addToBurst, burstEvents, closeDueBursts, closedBursts, markComposed } from './bursts';

const policy = { windowMs: 30_000, quietMs: 5_000, maxEvents: 3 };
const t0 = Date.parse('2025-03-25T11:00:00Z');
const at = (s: number) => new Date(t0 + s * 1000);
const ev = (id: string, s: number) => ({
  eventId: id,
  occurredAt: at(s),
  source: 'test',
  payload: { n: id },
});

/** The burst rules in SQL, against PGlite with the service's migrations. */
describe('burst repository', () => {
  const infra = new EmbeddedInfra(undefined);
  let db: Kysely<NotifierDB>;
  beforeAll(async () => {
    const database = await infra.database('notifier_bursts_test');
    await migrateService(service, database);
    db = database.db as Kysely<NotifierDB>;
  });
  afterAll(async () => infra.close());

  it('adds events to one open burst per type and key, and closes it when due', async () => {
    await addToBurst(db, 'chat.skipped', 'run-1', ev('e1', 0), at(0));
    const second = await addToBurst(db, 'chat.skipped', 'run-1', ev('e2', 1), at(1));
    await addToBurst(db, 'chat.skipped', 'run-2', ev('e3', 1), at(1));
    expect(second.seq).toBe(2);

    expect(await closeDueBursts(db, at(5.9), policy)).toBe(0);
    expect(await closeDueBursts(db, at(6), policy)).toBe(2);
    const [closed] = await closedBursts(db, 10);
    expect(closed).toMatchObject({ type: 'chat.skipped', group_key: 'run-1', events_count: 2 });
    expect((await burstEvents(db, closed!.id, 10)).map((e) => e.payload)).toEqual([{ n: 'e1' }, { n: 'e2' }]);

    // An event after closing opens the next burst instead of joining a message being composed.
    const next = await addToBurst(db, 'chat.skipped', 'run-1', ev('e4', 7), at(7));
    expect(next.burstId).not.toBe(closed!.id);
    expect(await markComposed(db, closed!.id, 'alert-1')).toBe(true);
    expect(await markComposed(db, closed!.id, 'alert-2')).toBe(false);
  });

  it('closes a burst at the window end and when it is full', async () => {
    await closeDueBursts(db, at(99), policy); // what the first test left open
    for (let s = 0; s < 3; s++)
      await addToBurst(db, 'lead.new', 'steady', ev(`s${s}`, 100 + s * 4), at(100 + s * 4));
    expect(await closeDueBursts(db, at(108), policy)).toBe(1); // full (maxEvents 3)
    for (let s = 0; s < 2; s++)
      await addToBurst(db, 'lead.new', 'slow', ev(`w${s}`, 200 + s * 4), at(200 + s * 4));
    expect(await closeDueBursts(db, at(204), policy)).toBe(0);
    await addToBurst(db, 'lead.new', 'slow', ev('w2', 229), at(229));
    expect(await closeDueBursts(db, at(230), policy)).toBe(1); // window end, though not quiet
  });
});
