import { describe, expect, it } from 'vitest';
import { leadOptedOut } from './lead-opted-out';
import { AT_EN, book, expectNoUuid, HOSTILE, renderAll } from './test-support';

const ACC = '0192f3a1-0000-7000-8000-000000000003';
const names = book({ accounts: { [ACC]: '@demo_manager_1' } });

describe('lead.opted_out', () => {
  it('says who stopped, to which account, and that they are suppressed', () => {
    const out = renderAll(
      leadOptedOut,
      { user_id: '555', account_id: ACC, phrase: 'stop', at: '2025-03-25T11:03:07.000Z' },
      names,
    );
    expect(out.en).toBe(
      [
        '🙅 Lead opted out',
        'user 555 wrote “stop” to @demo_manager_1.',
        `They are suppressed: no campaign will contact them again. ${AT_EN}`,
      ].join('\n'),
    );
    expect(out.ru).toContain('пользователь 555 написал «stop» аккаунту @demo_manager_1.');
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });

  it('escapes the phrase', () => {
    const out = renderAll(leadOptedOut, {
      user_id: '1',
      account_id: null,
      phrase: HOSTILE,
      at: '2025-03-25T11:03:07.000Z',
    });
    expect(out.en).toContain('wrote “<script>');
  });
});
