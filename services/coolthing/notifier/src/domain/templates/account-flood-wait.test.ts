import { describe, expect, it } from 'vitest';
import { accountFloodWait } from './account-flood-wait';
import { book, ctx, event, expectNoUuid, renderAll, seen } from './test-support';

const ACC = '0192f3a1-0000-7000-8000-000000000001';
const names = book({ accounts: { [ACC]: 'Ivan Petrov' } });

describe('account.flood_wait', () => {
  const p = { account_id: ACC, seconds: 7500, until: '2025-03-25T13:08:07.000Z' };

  it('says how long and until when, in the configured zone', () => {
    const out = renderAll(accountFloodWait, p, names);
    expect(out.en).toContain('Account: Ivan Petrov');
    expect(out.en).toContain('Telegram asked it to wait 2 h 5 min, until 25 Mar 2025, 16:08:07 UTC+3.');
    expect(out.ru).toContain('Аккаунт: Ivan Petrov');
    expect(out.ru).toContain('Telegram требует подождать 2 ч 5 мин, до 25.03.2025 16:08:07 UTC+3.');
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });

  it('lists accounts of a burst', () => {
    const r = ctx('ru', names);
    expect(seen(accountFloodWait.heading([event(p)], 2, r))).toBe('⏸ FloodWait: 2 аккаунта на паузе:');
    expect(seen(accountFloodWait.line(event(p), r))).toBe(
      'Ivan Petrov — 2 ч 5 мин (до 25.03.2025 16:08:07 UTC+3)',
    );
    expect(accountFloodWait.severity(p)).toBe('warning');
  });
});
