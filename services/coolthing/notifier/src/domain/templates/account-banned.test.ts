import { describe, expect, it } from 'vitest';
import { accountBanned } from './account-banned';
import { AT_EN, AT_RU, book, ctx, event, expectNoUuid, HOSTILE, renderAll, seen } from './test-support';

const ACC = '0192f3a1-0000-7000-8000-000000000001';
const RESERVE = '0192f3a1-0000-7000-8000-000000000002';
const names = book({ accounts: { [ACC]: '@demo_parser_1', [RESERVE]: '@demo_parser_2' } });

describe('account.banned', () => {
  it('names the account and its replacement, with the date in the configured zone', () => {
    const out = renderAll(
      accountBanned,
      { worker_id: ACC, comment: 'USER_DEACTIVATED_BAN', replaced_by: RESERVE },
      names,
    );
    expect(out.en).toBe(
      [
        '🚨 Account banned',
        'Account: @demo_parser_1',
        'Reason: USER_DEACTIVATED_BAN',
        'Replacement: reserve account @demo_parser_2 took over its work.',
        `At: ${AT_EN}`,
      ].join('\n'),
    );
    expect(out.ru).toBe(
      [
        '🚨 Аккаунт заблокирован',
        'Аккаунт: @demo_parser_1',
        'Причина: USER_DEACTIVATED_BAN',
        'Замена: резервный аккаунт @demo_parser_2 продолжает его работу.',
        `Время: ${AT_RU}`,
      ].join('\n'),
    );
    expectNoUuid(out.en + out.ru + out.burstEn + out.burstRu);
  });

  it('says when no reserve took over, and is critical then', () => {
    const p = { worker_id: ACC, comment: 'banned', replaced_by: null };
    const out = renderAll(accountBanned, p, names);
    expect(out.en).toContain('No reserve account was available: its work has stopped.');
    expect(out.ru).toContain('Резервного аккаунта нет: его работа остановлена.');
    expect(accountBanned.severity(p)).toBe('critical');
    expect(accountBanned.severity({ ...p, replaced_by: RESERVE })).toBe('error');
    expect(accountBanned.refs({ ...p, replaced_by: RESERVE })).toEqual({ accounts: [ACC, RESERVE] });
  });

  it('groups bans into one message with a count', () => {
    const events = [event({ worker_id: ACC, comment: 'x', replaced_by: null })];
    expect(seen(accountBanned.heading(events, 3, ctx('en', names)))).toBe(
      `🚨 3 accounts banned (since ${AT_EN}):`,
    );
    expect(seen(accountBanned.heading(events, 3, ctx('ru', names)))).toBe(
      `🚨 Заблокированы 3 аккаунта (с ${AT_RU}):`,
    );
    expect(seen(accountBanned.line(events[0]!, ctx('en', names)))).toBe('@demo_parser_1: x → no replacement');
  });

  it('shows a short id, marked as an account, only when no name is known', () => {
    const out = renderAll(accountBanned, { worker_id: ACC, comment: '', replaced_by: null });
    expect(out.en).toContain('Account: account 0192f3a1…');
    expect(out.en).toContain('Reason: not given');
  });

  it('escapes the comment', () => {
    const out = renderAll(accountBanned, { worker_id: ACC, comment: HOSTILE, replaced_by: null }, names);
    expect(out.en).toContain('<script>alert("x")</script> & <b>bold</b>');
  });
});
