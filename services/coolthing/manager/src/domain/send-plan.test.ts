import { describe, expect, it } from 'vitest';
import { planSend } from './send-plan';
import type { Schedule } from './windows';

const office: Schedule = {
  timezone: 'UTC',
  windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '18:00' }],
};
const base = { schedule: office, campaignActive: true, horizonMs: 10 * 60_000, recheckMs: 60_000 };
const t = (hhmm: string) => new Date(`2025-03-03T${hhmm}:00Z`);

describe('when a queued message goes out (a clock we control)', () => {
  it('sends at once when due inside the window', () => {
    expect(planSend({ ...base, now: t('10:00'), dueAt: t('09:59') })).toEqual({
      kind: 'send',
      at: t('10:00'),
    });
  });

  it('hands a message over up to the horizon ahead, with its send time', () => {
    expect(planSend({ ...base, now: t('10:00'), dueAt: t('10:04') })).toEqual({
      kind: 'send',
      at: t('10:04'),
    });
  });

  it('waits for the new-lead delay beyond the horizon', () => {
    const plan = planSend({ ...base, now: t('10:00'), dueAt: t('11:00') });
    expect(plan).toMatchObject({ kind: 'wait', until: t('10:01'), sendAt: t('11:00') });
    expect(plan.kind === 'wait' && plan.reason).toMatch(/new-lead delay/);
  });

  it('sends nothing outside the window until it opens', () => {
    const night = planSend({ ...base, now: t('20:00'), dueAt: t('20:00') });
    expect(night).toMatchObject({ kind: 'wait', sendAt: new Date('2025-03-04T09:00:00Z') });
    expect(night.kind === 'wait' && night.reason).toMatch(/outside the send window/);
    // Time passes: still closed at 08:49, within the horizon at 08:50, open at 09:00.
    expect(planSend({ ...base, now: new Date('2025-03-04T08:49:00Z'), dueAt: t('20:00') }).kind).toBe('wait');
    expect(planSend({ ...base, now: new Date('2025-03-04T08:50:00Z'), dueAt: t('20:00') })).toEqual({
      kind: 'send',
      at: new Date('2025-03-04T09:00:00Z'),
    });
  });

  it('waits while the campaign is not active, and when it has no open window at all', () => {
    expect(planSend({ ...base, campaignActive: false, now: t('10:00'), dueAt: t('10:00') })).toMatchObject({
      kind: 'wait',
      until: t('10:01'),
      reason: 'the campaign is not active',
    });
    const never: Schedule = { timezone: 'UTC', windows: [{ days: [], start: '09:00', end: '10:00' }] };
    expect(planSend({ ...base, schedule: never, now: t('10:00'), dueAt: t('10:00') })).toMatchObject({
      kind: 'wait',
    });
  });
});
