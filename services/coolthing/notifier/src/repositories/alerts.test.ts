import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedInfra, migrateService } from '@switchyard/kit';
import type { Kysely } from '@switchyard/store';
import { service } from '../main';
import type { NotifierDB } from '../db';
import { deliveriesOf, ensureDeliveries, forgetAlertsBefore, insertAlert, listAlerts } from './alerts';

const at = (s: number) => new Date(Date.parse('2025-03-25T11:00:00Z') + s * 1000);
const alert = (id: string, s: number) => ({
  id,
  type: 'custom' as const,
  severity: 'info' as const,
  textRu: 'ru',
  textEn: 'en',
  sourceEventIds: [],
  eventsCount: 1,
  groupKey: null,
  target: { botId: null, chatIds: ['-1'] },
  createdBy: 'u',
  createdAt: at(s),
});

describe('alert repository', () => {
  const infra = new EmbeddedInfra(undefined);
  let db: Kysely<NotifierDB>;
  beforeAll(async () => {
    const database = await infra.database('notifier_alerts_test');
    await migrateService(service, database);
    db = database.db as Kysely<NotifierDB>;
  });
  afterAll(async () => infra.close());

  it('pages by (created_at, id) even when alerts share a timestamp', async () => {
    for (const [id, s] of [
      ['a', 0],
      ['b', 1],
      ['c', 1],
      ['d', 2],
    ] as const)
      await insertAlert(db, alert(id, s));
    const first = await listAlerts(db, {}, 2);
    expect(first.map((r) => r.id)).toEqual(['d', 'c', 'b']);
    const next = await listAlerts(db, { before: { createdAt: first[1]!.created_at, id: first[1]!.id } }, 2);
    expect(next.map((r) => r.id)).toEqual(['b', 'a']);
    expect(first[0]!.target).toEqual({ botId: null, chatIds: ['-1'] });
  });

  it('keeps deliveries already recorded and forgets old alerts with their deliveries', async () => {
    await ensureDeliveries(db, 'a', [{ botId: 'b1', chatId: '-1', locale: 'ru' }], at(0));
    await ensureDeliveries(db, 'a', [{ botId: 'b1', chatId: '-1', locale: 'en' }], at(1));
    expect((await deliveriesOf(db, ['a'])).map((d) => d.locale)).toEqual(['ru']);
    expect(await forgetAlertsBefore(db, at(1))).toBe(1);
    expect(await deliveriesOf(db, ['a'])).toEqual([]);
    expect((await listAlerts(db, {}, 10)).map((r) => r.id)).toEqual(['d', 'c', 'b']);
  });
});
