import { describe, expect, it } from 'vitest';
import { ineligibility, rotationOrder, type ManagerAccount } from './accounts';

const now = new Date('2025-03-03T10:00:00Z');
const acc = (id: string, extra: Partial<ManagerAccount> = {}): ManagerAccount => ({
  id,
  status: 'active',
  warmupStage: 5,
  floodWaitUntil: null,
  isReserve: false,
  ...extra,
});

describe('account rotation', () => {
  it('skips banned, limited, paused and flooded accounts', () => {
    expect(ineligibility(acc('a', { status: 'banned' }), undefined, now)).toBe('banned');
    expect(ineligibility(acc('a', { status: 'limited' }), undefined, now)).toBe('limited');
    expect(
      ineligibility(
        acc('a', { status: 'flood_wait', floodWaitUntil: new Date('2025-03-03T11:00:00Z') }),
        undefined,
        now,
      ),
    ).toBe('flood_wait');
    expect(
      ineligibility(
        acc('a', { status: 'flood_wait', floodWaitUntil: new Date('2025-03-03T09:00:00Z') }),
        undefined,
        now,
      ),
    ).toBeNull();
    expect(ineligibility(acc('a'), { status: 'banned', until: new Date('2025-03-03T11:00:00Z') }, now)).toBe(
      'banned',
    );
    expect(
      ineligibility(acc('a'), { status: 'flood_wait', until: new Date('2025-03-03T09:59:00Z') }, now),
    ).toBeNull();
  });

  it('takes turns: never used first, then the longest idle; reserve accounts last', () => {
    const accounts = [acc('c'), acc('b'), acc('a', { isReserve: true }), acc('d', { status: 'banned' })];
    const lastAssigned = new Map([
      ['b', new Date('2025-03-03T09:00:00Z')],
      ['c', new Date('2025-03-03T09:30:00Z')],
    ]);
    const order = (seen: Map<string, Date>) =>
      rotationOrder(accounts, { now, blocks: new Map(), lastAssigned: seen }).map((a) => a.id);
    expect(order(lastAssigned)).toEqual(['b', 'c', 'a']);
    expect(order(new Map([...lastAssigned, ['b', now]]))).toEqual(['c', 'b', 'a']);
    expect(order(new Map())).toEqual(['b', 'c', 'a']);
    expect(
      rotationOrder(accounts, { now, blocks: new Map(), lastAssigned, exclude: new Set(['b']) }).map(
        (a) => a.id,
      ),
    ).toEqual(['c', 'a']);
  });
});
