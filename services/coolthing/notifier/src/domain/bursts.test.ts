import { describe, expect, it } from 'vitest';
import { burstDue, planBursts, type BurstPolicy } from './bursts';

const policy: BurstPolicy = { windowMs: 30_000, quietMs: 5_000, maxEvents: 200 };
const t0 = Date.parse('2025-03-25T11:00:00Z');
const at = (s: number) => new Date(t0 + s * 1000);
const ev = (type: string, key: string, s: number) => ({ type, key, at: at(s) });

describe('burstDue', () => {
  const burst = { openedAt: at(0), lastEventAt: at(10), events: 3 };

  it('waits while events keep coming, within the window', () => {
    expect(burstDue(burst, at(14), policy)).toBe(false);
  });

  it('is due after a quiet spell, at the window end, or when full', () => {
    expect(burstDue(burst, at(15), policy)).toBe(true);
    expect(burstDue({ ...burst, lastEventAt: at(29) }, at(30), policy)).toBe(true);
    expect(burstDue({ ...burst, events: 200 }, at(11), policy)).toBe(true);
  });
});

describe('planBursts', () => {
  it('makes ten chat.skipped events of one run one message', () => {
    const events = Array.from({ length: 10 }, (_, i) => ev('chat.skipped', 'run-1', i * 0.2));
    const plan = planBursts(events, policy);
    expect(plan).toHaveLength(1);
    expect(plan[0]!.items).toHaveLength(10);
    expect(plan[0]!.dueAt).toEqual(at(1.8 + 5));
  });

  it('keeps types and keys apart', () => {
    const plan = planBursts(
      [
        ev('chat.skipped', 'run-1', 0),
        ev('chat.skipped', 'run-2', 1),
        ev('account.banned', 'all', 2),
        ev('chat.skipped', 'run-1', 3),
      ],
      policy,
    );
    expect(plan.map((b) => [b.type, b.key, b.items.length])).toEqual([
      ['chat.skipped', 'run-2', 1],
      ['account.banned', 'all', 1],
      ['chat.skipped', 'run-1', 2],
    ]);
  });

  it('starts a new message after a quiet spell', () => {
    const plan = planBursts(
      [ev('lead.new', 'c', 0), ev('lead.new', 'c', 4), ev('lead.new', 'c', 10)],
      policy,
    );
    expect(plan.map((b) => b.items.length)).toEqual([2, 1]);
  });

  it('sends a steady stream once per window', () => {
    const stream = Array.from({ length: 61 }, (_, i) => ev('service.error', 'manager', i));
    const plan = planBursts(stream, policy);
    expect(plan.map((b) => b.items.length)).toEqual([30, 30, 1]);
    expect(plan[0]!.dueAt).toEqual(at(30));
  });

  it('caps a burst at maxEvents', () => {
    const storm = Array.from({ length: 5 }, (_, i) => ev('chat.skipped', 'r', i * 0.01));
    expect(planBursts(storm, { ...policy, maxEvents: 2 }).map((b) => b.items.length)).toEqual([2, 2, 1]);
  });
});
