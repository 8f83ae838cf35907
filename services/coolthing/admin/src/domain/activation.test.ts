import { describe, expect, it } from 'vitest';
import { coworkingScript } from '@switchyard/coolthing-script';
import {
  checkActivation,
  type ActivationAccount,
  type ActivationChat,
  type ActivationInput,
} from './activation';

const now = new Date('2025-01-01T10:00:00Z');
const account = (id: string, over: Partial<ActivationAccount> = {}): ActivationAccount => ({
  id,
  status: 'active',
  floodWaitUntil: null,
  role: 'actor',
  hasSession: true,
  firstName: id.toUpperCase(),
  lastName: null,
  username: `${id}_user`,
  ...over,
});
const chat = (id: string, over: Partial<ActivationChat> = {}): ActivationChat => ({
  id,
  title: `Chat ${id}`,
  permission: 'owned',
  telegramId: `-100${id}`,
  username: null,
  link: null,
  ...over,
});

function input(over: Partial<ActivationInput> = {}): ActivationInput {
  const accounts = new Map(['a', 'b', 'c', 'd'].map((id) => [id, account(id)]));
  return {
    script: { id: 's', body: coworkingScript },
    campaign: { id: 'k', name: 'Hive', type: 'scripts', status: 'active' },
    chatIds: ['1', '2'],
    chats: new Map([
      ['1', chat('1')],
      ['2', chat('2')],
    ]),
    mapping: { 1: 'a', 2: 'b', 3: 'c' },
    accounts,
    busy: new Map(),
    seed: 'seed',
    now,
    ...over,
  };
}

const codes = (over: Partial<ActivationInput>) => {
  const r = checkActivation(input(over));
  return r.ok ? [] : r.problems.map((p) => p.code);
};

describe('activation checks', () => {
  it('accept a complete activation and hand back the parsed script', () => {
    const r = checkActivation(input());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.script.name).toBe(coworkingScript.name);
  });

  it('refuse chats without permission, unknown, twice listed or unaddressable', () => {
    expect(
      codes({
        chats: new Map([
          ['1', chat('1', { permission: 'unknown' })],
          ['2', chat('2')],
        ]),
      }),
    ).toEqual(['chat_permission_unknown']);
    expect(codes({ chatIds: ['1', '9'] })).toEqual(['chat_not_found']);
    expect(codes({ chatIds: ['1', '1'] })).toEqual(['chat_duplicate']);
    expect(codes({ chatIds: [] })).toEqual(['no_chats']);
    expect(
      codes({
        chats: new Map([
          ['1', chat('1', { telegramId: null })],
          ['2', chat('2')],
        ]),
      }),
    ).toEqual(['chat_not_addressable']);
  });

  it('refuse unmapped roles, unknown roles and one account in two roles', () => {
    expect(codes({ mapping: { 1: 'a', 2: 'b' } })).toEqual(['role_unmapped']);
    expect(codes({ mapping: { 1: 'a', 2: 'b', 3: 'c', 7: 'd' } })).toEqual(['role_unknown']);
    expect(codes({ mapping: { 1: 'a', 2: 'b', 3: 'a' } })).toEqual(['account_reused']);
  });

  it('refuse accounts that cannot play: banned, stopped, paused, flood-waiting, without session, of another role, busy', () => {
    const with_ = (over: Partial<ActivationAccount>) =>
      new Map([...input().accounts, ['c', account('c', over)]]);
    expect(codes({ accounts: with_({ status: 'banned' }) })).toEqual(['account_unavailable']);
    expect(codes({ accounts: with_({ status: 'stopped' }) })).toEqual(['account_unavailable']);
    expect(codes({ accounts: with_({ status: 'paused' }) })).toEqual(['account_unavailable']);
    expect(
      codes({ accounts: with_({ status: 'flood_wait', floodWaitUntil: new Date(now.getTime() + 60_000) }) }),
    ).toEqual(['account_unavailable']);
    expect(
      codes({ accounts: with_({ status: 'flood_wait', floodWaitUntil: new Date(now.getTime() - 1) }) }),
    ).toEqual([]);
    expect(codes({ accounts: with_({ hasSession: false }) })).toEqual(['account_no_session']);
    expect(codes({ accounts: with_({ role: 'parser' }) })).toEqual(['account_wrong_role']);
    expect(codes({ busy: new Map([['c', 'run-1']]) })).toEqual(['account_busy']);
    expect(codes({ mapping: { 1: 'a', 2: 'b', 3: 'zzz' } })).toEqual(['account_not_found']);
  });

  it('refuse what the script needs but the accounts lack (line 7 mentions role 2 by username)', () => {
    const accounts = new Map([...input().accounts, ['b', account('b', { username: null })]]);
    const r = checkActivation(input({ accounts }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual([expect.objectContaining({ code: 'missing_profile_value', role: 2 })]);
  });

  it('refuse malformed and missing scripts and campaigns of the wrong kind, reporting everything at once', () => {
    const broken = { ...coworkingScript, lines: [{ role: 1, text: 'x {a|b', delay: { min: 1, max: 2 } }] };
    const r = checkActivation(input({ script: { id: 's', body: broken } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ code: 'script_invalid', line: 1, column: 3 });
    expect(
      codes({ script: null, campaign: { id: 'k', name: 'P', type: 'parser', status: 'active' } }),
    ).toEqual(['script_not_found', 'campaign_not_scripts']);
    expect(codes({ campaign: null })).toEqual(['campaign_not_found']);
    expect(codes({ campaign: { id: 'k', name: 'Hive', type: 'scripts', status: 'finished' } })).toEqual([
      'campaign_finished',
    ]);
  });
});
